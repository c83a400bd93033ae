import { useObservable } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import type { SyncState } from '../rx/store-api';

const INITIAL: SyncState = {
  status: 'connecting',
  offlineReason: null,
  lastSyncedAt: null,
  pendingCount: 0,
  conflicts: [],
  rejections: [],
  storageFailure: null,
  download: null,
};

/** The store's sync state (the store follows the network itself, store/sync-state.ts). */
export function useSyncState(): SyncState {
  const { store } = useWorkspace();
  return useObservable(store.sync.state$, INITIAL);
}

/** What the top bar calls the connection: offline says why (no network, the server, or sync paused). */
export function connectionText({ status, offlineReason }: Pick<SyncState, 'status' | 'offlineReason'>): string {
  if (status === 'offline') return OFFLINE_TEXT[offlineReason ?? 'paused'];
  return STATE_TEXT[status];
}

const STATE_TEXT: Record<Exclude<SyncState['status'], 'offline'>, string> = {
  online: 'Online',
  connecting: 'Connecting…',
  unauthorized: 'Session ended',
};

const OFFLINE_TEXT: Record<NonNullable<SyncState['offlineReason']>, string> = {
  'no-network': 'No network',
  'server-unreachable': 'Server unreachable',
  paused: 'Sync paused',
};

/** The sync panel's sentence on the connection: what is wrong, whose side it is on, and what happens to edits. */
export function connectionDetail({ status, offlineReason }: Pick<SyncState, 'status' | 'offlineReason'>): string {
  if (status === 'unauthorized')
    return 'Your session ended. Sign in again to send your changes; until then they are kept on this device.';
  if (status === 'connecting') return 'Reaching the server…';
  if (status === 'online') return 'Connected to the server.';
  if (offlineReason === 'no-network')
    return 'This computer is not connected to a network. Keep working: nothing is lost.';
  if (offlineReason === 'server-unreachable')
    return 'The network is up, but the server does not answer (it may be down or restarting). The workstation keeps trying.';
  return 'Sync is switched off.';
}

/** What the indicator and the panel call a storage failure (storage-failure.ts explains it). */
export const STORAGE_TITLE: Record<NonNullable<SyncState['storageFailure']>, string> = {
  full: 'Storage full',
  failed: 'Storage error',
};

/** For the sync status: the replica cannot take what the server sends; what the user already saved stays. */
export const STORAGE_PROBLEM_TEXT: Record<NonNullable<SyncState['storageFailure']>, string> = {
  full:
    "This computer's storage is full, so the workstation cannot save what the server sends. The changes you have " +
    'already made are kept. Free some disk space, then restart the workstation to finish the download.',
  failed:
    'The workstation could not write to its local database (a disk error). The changes you have already made are ' +
    'kept where they could be saved. Restart the workstation; if this comes back, check the disk.',
};

export function lastSyncText(at: string | null): string {
  if (!at) return 'Never synced';
  const mins = Math.round((Date.now() - Date.parse(at)) / 60_000);
  if (mins < 1) return 'Synced just now';
  if (mins < 60) return `Synced ${mins} min ago`;
  return `Synced ${new Date(at).toLocaleString()}`;
}
