import { useObservable } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import type { SyncState } from '../rx/store-api';

const INITIAL: SyncState = { status: 'connecting', lastSyncedAt: null, pendingCount: 0, conflicts: [], rejections: [] };

export function useSyncState(): SyncState {
  const { store } = useWorkspace();
  return useObservable(store.sync.state$, INITIAL);
}

export const STATE_TEXT: Record<SyncState['status'], string> = {
  online: 'Online',
  offline: 'Offline',
  connecting: 'Connecting…',
  unauthorized: 'Signed out',
};

export function lastSyncText(at: string | null): string {
  if (!at) return 'Never synced';
  const mins = Math.round((Date.now() - Date.parse(at)) / 60_000);
  if (mins < 1) return 'Synced just now';
  if (mins < 60) return `Synced ${mins} min ago`;
  return `Synced ${new Date(at).toLocaleString()}`;
}
