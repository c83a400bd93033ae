import { useEffect, useMemo, useState } from 'react';
import type { Ticket } from '../../../shared/domain/ticket';
import { isStaff } from '../../../shared/domain/user';
import { useWorkspace } from '../rx/StoreContext';
import { createServerSearch, SERVER_SHOWN, type ServerSearch } from './server-search';

/**
 * The palette's search of the server for `query` while the palette is open (server-search.ts), for staff only
 * (requesters may not search the desk). `found` is the last answer, kept while the next one is awaited.
 */
export function useServerSearch(
  query: string,
  open: boolean,
): { state: ServerSearch; found: { query: string; tickets: Ticket[] } } {
  const { store, me } = useWorkspace();
  const asks = open && isStaff(me.role);
  const [state, setState] = useState<ServerSearch>({ query: '', status: 'none' });
  const [found, setFound] = useState<{ query: string; tickets: Ticket[] }>({ query: '', tickets: [] });
  const search = useMemo(
    () =>
      createServerSearch({
        find: (text) => store.serverTickets.search(text, SERVER_SHOWN),
        onChange: (next) => {
          setState(next);
          if (next.status !== 'searching') {
            setFound({ query: next.query, tickets: next.status === 'found' ? next.tickets : [] });
          }
        },
      }),
    [store],
  );
  useEffect(() => () => search.stop(), [search]);
  useEffect(() => search.ask(asks ? query : ''), [search, query, asks]);
  return { state, found };
}
