import { useEffect, useState } from 'react';
import { useWorkspace } from '../rx/StoreContext';
import type { ServerReadFailure, ServerTicketCopy } from '../rx/store-api';
import { useSyncState } from '../sync/use-sync-state';

export type ServerCopyState =
  | { status: 'reading' }
  | { status: 'shown'; copy: ServerTicketCopy }
  | { status: 'failed'; failure: ServerReadFailure };

/**
 * The server's copy of a ticket the replica does not hold (`id`; null: none wanted), through the store's cache
 * (store.serverTickets): painted at once from memory when it was read a moment ago, read again when the workstation
 * comes back online after a failure. Offline, a copy already shown stays: it was true when read.
 */
export function useServerCopy(id: string | null): ServerCopyState | null {
  const { store } = useWorkspace();
  const online = useSyncState().status === 'online';
  const [state, setState] = useState<{ id: string; state: ServerCopyState } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: coming online reads again what failed
  useEffect(() => {
    if (!id) return;
    let live = true;
    void store.serverTickets.read(id).then((answer) => {
      if (!live) return;
      setState((shown) =>
        answer.ok
          ? { id, state: { status: 'shown', copy: answer.value } }
          : answer.error.reason === 'offline' && shown?.id === id && shown.state.status === 'shown'
            ? shown
            : { id, state: { status: 'failed', failure: answer.error } },
      );
    });
    return () => {
      live = false;
    };
  }, [id, store, online]);
  if (!id) return null;
  if (state?.id === id) return state.state;
  const cached = store.serverTickets.cached(id);
  return cached ? { status: 'shown', copy: cached } : { status: 'reading' };
}
