import { useEffect, useSyncExternalStore } from 'react';
import { useObservable } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import type { SyncState } from '../rx/store-api';

const INITIAL: SyncState = {
  status: 'connecting',
  lastSyncedAt: null,
  pendingCount: 0,
  conflicts: [],
  rejections: [],
  storageFailure: null,
};

function subscribeOnline(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/**
 * The store's sync state, shown as offline as soon as the browser knows the network is gone (the store itself only
 * finds out at its next request, which may be minutes away while nothing changes).
 */
export function useSyncState(): SyncState {
  const { store } = useWorkspace();
  const state = useObservable(store.sync.state$, INITIAL);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  return online || state.status === 'unauthorized' ? state : { ...state, status: 'offline' };
}

/** When the network comes back, sync at once instead of waiting for the next retry. */
export function useResyncWhenOnline() {
  const { store } = useWorkspace();
  useEffect(() => {
    const onOnline = () => store.sync.resync();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [store]);
}

export const STATE_TEXT: Record<SyncState['status'], string> = {
  online: 'Online',
  offline: 'Offline',
  connecting: 'Connecting…',
  unauthorized: 'Signed out',
};

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
