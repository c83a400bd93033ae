import { Text } from '@mantine/core';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { formatKeys, KEYMAP, type KeyAction, SAVED_VIEW_SLOTS } from '../../../shared/keymap';
import { isMacPlatform } from '../keyboard/dispatcher';
import { moveFocus, restoreFocus } from '../keyboard/focus';
import { useDispatcher } from '../keyboard/KeyboardContext';
import { useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { ticketsWithIds } from '../rx/store-api';
import { bestRank } from '../store/text-match';
import { useUi } from '../ui-state';
import { type Entry, type EntryGroup, QUEUE_PREFIX, rankEntries } from './entries';
import { serverSearchNote, serverTicketMark } from './server-search';
import { TicketEntry } from './TicketEntry';
import { parseTicketNumber, searchInTurn, searchTickets } from './ticket-search';
import { useServerSearch } from './use-server-search';

export const [paletteStore, palette] = createSpotlight();

/**
 * Once the dialog is in the page: names it for screen readers (Spotlight's has no title) and highlights the first
 * entry, so Enter runs it even before anything is typed.
 */
function onceShown(tries = 10) {
  const dialog = document.querySelector('input[aria-label="Command or ticket"]')?.closest('[role="dialog"]');
  if (!dialog) {
    if (tries > 0) requestAnimationFrame(() => onceShown(tries - 1));
    return;
  }
  dialog.setAttribute('aria-label', 'Command palette');
  highlightFirst();
}

/** Spotlight highlights its first action only when the query changes, and before our entries for it are shown. */
function highlightFirst() {
  const listId = paletteStore.getState().listId;
  const list = listId ? document.getElementById(listId) : null;
  const first = list?.querySelector('[data-action]');
  if (!list || !first) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  first.setAttribute('data-selected', 'true');
  paletteStore.updateState((state) => ({ ...state, selected: 0 }));
}

/** Tickets found for a query, before ranking: more than are shown, so the best matches are among them. */
const SEARCHED = 30;

/** Whether the query asks the replica for tickets (a number, or two characters of a title). */
const searchesTickets = (query: string) => parseTicketNumber(query) !== null || query.trim().length >= 2;

const ticketTexts = (t: Ticket) => [t.title, ticketLabel(t), ...(t.number === null ? [] : [String(t.number)])];

/**
 * Mod+K: tickets by number or title, the tickets opened last, saved views, views and queues, and every command the
 * user may use now, ranked together (entries.ts); then the tickets the server finds that are not on this device
 * (use-server-search.ts), which open read-only. Enter runs the first entry; typed before the tickets for the query
 * are found, it waits for them (for a number not on this device, for the server's answer too).
 */
export function Palette() {
  const { store, queues, savedViews } = useWorkspace();
  const open = useUi((s) => s.paletteOpen);
  const seed = useUi((s) => s.paletteQuery);
  const recentIds = useUi((s) => s.recentTicketIds);
  const ticketOpen = useUi((s) => s.openTicketId !== null);
  // Commands that would change a ticket shown read-only are not offered (dispatcher.allows): render when it changes.
  useUi((s) => s.readOnlyTicketId);
  const dispatcher = useDispatcher();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; tickets: Ticket[] }>({ query: '', tickets: [] });
  const isMac = isMacPlatform();

  useEffect(() => {
    if (open) {
      setQuery(seed);
      palette.open();
    } else palette.close();
  }, [open, seed]);

  useEffect(() => {
    let live = true;
    const search = (tickets: typeof store.db.tickets, text: string) =>
      searchTickets(tickets, text, SEARCHED, store.titles.index);
    void searchInTurn(store.db.tickets, query, search).then(
      (tickets) => live && tickets && setFound({ query, tickets }),
    );
    return () => {
      live = false;
    };
  }, [store, query]);
  const server = useServerSearch(query, open);
  const serverSearching = server.state.query === query && server.state.status === 'searching';
  // A number the replica does not hold is asked of the server: Enter waits for its answer.
  const searching =
    (searchesTickets(query) && found.query !== query) ||
    (parseTicketNumber(query) !== null && found.tickets.length === 0 && serverSearching);

  const recentQuery = useMemo(
    () => (open && recentIds.length > 0 ? ticketsWithIds(recentIds) : null),
    [open, recentIds],
  );
  const recentDocs = useRxQuery(store.db.tickets, recentQuery).docs as Ticket[];

  const ui = useUi.getState;
  // Actions run after the palette closes so they act on the area that had focus before it opened.
  const later = (run: () => void) => () => {
    ui().setOverlay('palette', false);
    requestAnimationFrame(() => {
      restoreFocus();
      requestAnimationFrame(run);
    });
  };
  const openTicket = (t: Ticket, readOnly = false) =>
    later(() => {
      ui().openTicket(t.id, 'split', { readOnly });
      moveFocus('detail');
    });

  // Recent tickets no longer on this device are offered while their server copy is in memory.
  const recent = recentIds.flatMap((id): { ticket: Ticket; mark?: string }[] => {
    const doc = recentDocs.find((t) => t.id === id);
    const copy = doc ? null : store.serverTickets.cached(id);
    return doc ? [{ ticket: doc }] : copy ? [{ ticket: copy.ticket, mark: serverTicketMark(copy.ticket) }] : [];
  });
  const recentSet = new Set(recent.map((r) => r.ticket.id));
  // A ticket with a mark is not on this device: it opens read-only.
  const ticketEntry = (group: EntryGroup, key: string, t: Ticket, mark?: string): Entry => ({
    id: `${key}:${t.id}`,
    group,
    label: t.title,
    texts: ticketTexts(t),
    ticket: t,
    mark,
    run: openTicket(t, mark !== undefined),
  });
  const entries: Entry[] = [
    ...recent.map(({ ticket: t, mark }) => ticketEntry('Recent tickets', 'recent', t, mark)),
    // The last tickets found stay while the next search runs; ranking keeps only those that match the query.
    ...found.tickets.filter((t) => !recentSet.has(t.id)).map((t) => ticketEntry('Tickets', 'ticket', t)),
    // Numbered in sidebar order: g 1 … g 9 open the first nine.
    ...savedViews.map((v, index) => ({
      id: `saved:${v.id}`,
      group: 'Saved views' as const,
      // Named like the queues ("Go to queue …"): a saved view is told apart from a queue or view of the same name.
      label: `Go to saved view ${v.name}`,
      texts: [v.name, `Go to saved view ${v.name}`],
      keys: index < SAVED_VIEW_SLOTS.length ? formatKeys(`g ${index + 1}`, isMac) : undefined,
      run: later(() => ui().showSaved(v)),
    })),
    ...queues.map((q) => ({
      id: `queue:${q.id}`,
      group: 'Views' as const,
      label: `${QUEUE_PREFIX} ${q.name}`,
      texts: [`${QUEUE_PREFIX} ${q.name}`, q.name, q.description],
      run: later(() => ui().showView({ kind: 'queue', queueId: q.id })),
    })),
    // The open ticket's field editors (detail scope) are offered while a ticket is open, and run in its pane.
    ...KEYMAP.filter(
      (b) =>
        b.inPalette &&
        dispatcher.allows(b.action) &&
        b.action !== 'view.queues' &&
        (b.scope !== 'detail' || ticketOpen),
    ).map((b) => ({
      id: b.action,
      group: 'Commands' as const,
      label: b.label,
      texts: [b.label],
      keys: b.keys.map((k) => formatKeys(k, isMac)).join(' / '),
      run: later(() => {
        if (b.scope === 'detail') moveFocus('detail');
        dispatcher.run(b.action as KeyAction, b.scope === 'detail' ? 'detail' : ui().focusArea);
      }),
    })),
  ];
  // The server's answer for this query as it came; while the next is awaited, those of the last that still match.
  const fromServer: Entry[] = server.found.tickets
    .filter((t) => server.found.query === query || bestRank(query, ticketTexts(t)) !== null)
    .filter((t) => !recentSet.has(t.id))
    .map((t) => ticketEntry('On the server', 'server', t, serverTicketMark(t)));
  const shown = rankEntries(query, entries, fromServer);
  const note = serverSearchNote(server.state);
  const best = shown[0]?.entries[0];
  const shownKey = shown.map((g) => g.entries.map((e) => e.id).join(',')).join('|');

  // Enter while the tickets for the query are still being found runs the best entry once they are.
  const enterWaiting = useRef(false);
  const onSearchKey = (event: React.KeyboardEvent) => {
    if (event.key !== 'Enter' || !searching) return;
    event.preventDefault();
    event.stopPropagation();
    enterWaiting.current = true;
  };
  // The first entry is highlighted again whenever the entries change, so Enter runs the best match.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the entries shown change
  useLayoutEffect(() => {
    highlightFirst();
    if (enterWaiting.current && !searching) {
      enterWaiting.current = false;
      best?.run();
    }
  }, [shownKey, searching]);

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      onSpotlightOpen={() => onceShown()}
      onSpotlightClose={() => {
        enterWaiting.current = false;
        if (ui().paletteOpen) ui().setOverlay('palette', false);
        restoreFocus();
      }}
    >
      <Spotlight.Search
        placeholder="Type a command, a view, a ticket number or words from a title"
        aria-label="Command or ticket"
        onKeyDownCapture={onSearchKey}
      />
      <Spotlight.ActionsList aria-label="Results">
        {shown.map(({ group, entries: list }) => (
          <Spotlight.ActionsGroup key={group} label={group} role="group" aria-label={group}>
            {list.map((e) =>
              e.ticket ? (
                <TicketEntry key={e.id} ticket={e.ticket} mark={e.mark} onClick={e.run} />
              ) : (
                <Spotlight.Action
                  key={e.id}
                  label={e.label}
                  onClick={e.run}
                  rightSection={e.keys ? <kbd className="key">{e.keys}</kbd> : undefined}
                />
              ),
            )}
          </Spotlight.ActionsGroup>
        ))}
        {shown.length === 0 && (
          <Spotlight.Empty>
            {searching || serverSearching
              ? 'Looking for tickets…'
              : server.state.status === 'offline'
                ? 'Nothing on this device matches.'
                : 'Nothing matches. Try a ticket number such as 1042, or words from a title.'}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
      {note && (
        <Spotlight.Footer py={6}>
          <Text size="xs" c="dimmed" role="status" data-testid="palette-server-note">
            {note}
          </Text>
        </Spotlight.Footer>
      )}
    </Spotlight.Root>
  );
}
