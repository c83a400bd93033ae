import { Badge, Group, Text } from '@mantine/core';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { useEffect, useLayoutEffect, useState } from 'react';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { bindingAllowed, formatKeys, KEYMAP, type KeyAction } from '../../../shared/keymap';
import { PRIORITY_COLORS } from '../app/theme';
import { isMacPlatform } from '../keyboard/dispatcher';
import { moveFocus, restoreFocus } from '../keyboard/focus';
import { useDispatcher } from '../keyboard/KeyboardContext';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { searchInTurn, searchTickets } from './ticket-search';

export const [paletteStore, palette] = createSpotlight();

/** Spotlight's dialog has no title to name it; name it for screen readers once it is in the page. */
function nameDialog(tries = 10) {
  const dialog = document.querySelector('input[aria-label="Command or ticket"]')?.closest('[role="dialog"]');
  if (dialog) dialog.setAttribute('aria-label', 'Command palette');
  else if (tries > 0) requestAnimationFrame(() => nameDialog(tries - 1));
}

interface Entry {
  id: string;
  label: string;
  hint?: string;
  keys?: string;
  run(): void;
}

const matches = (q: string, e: Entry) => `${e.label} ${e.hint ?? ''}`.toLowerCase().includes(q);

/** Mod+K: every action of the keymap, every view and queue, and tickets by number or title. */
export function Palette() {
  const { store, queues, me } = useWorkspace();
  const open = useUi((s) => s.paletteOpen);
  const seed = useUi((s) => s.paletteQuery);
  const dispatcher = useDispatcher();
  const [query, setQuery] = useState('');
  const [tickets, setTickets] = useState<Ticket[]>([]);
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
      searchTickets(tickets, text, 8, store.titles.index);
    void searchInTurn(store.db.tickets, query, search).then((found) => live && found && setTickets(found));
    return () => {
      live = false;
    };
  }, [store, query]);

  // Spotlight highlights its first action when the query changes, before ticket results (read from the replica)
  // arrive; highlight the first entry again once they are shown so Enter opens the best match.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the ticket results change
  useLayoutEffect(() => {
    const listId = paletteStore.getState().listId;
    const list = listId ? document.getElementById(listId) : null;
    const first = list?.querySelector('[data-action]');
    if (!list || !first) return;
    list.querySelector('[data-selected]')?.removeAttribute('data-selected');
    first.setAttribute('data-selected', 'true');
    paletteStore.updateState((state) => ({ ...state, selected: 0 }));
  }, [tickets]);

  const ui = useUi.getState;
  // Actions run after the palette closes so they act on the area that had focus before it opened.
  const later = (run: () => void) => () => {
    ui().setOverlay('palette', false);
    requestAnimationFrame(() => {
      restoreFocus();
      requestAnimationFrame(run);
    });
  };
  // The open ticket's field editors (detail scope) are offered while a ticket is open, and run in its pane.
  const ticketOpen = useUi((s) => s.openTicketId !== null);
  const offered = KEYMAP.filter(
    (b) =>
      b.inPalette && bindingAllowed(b, me.role) && b.action !== 'view.queues' && (b.scope !== 'detail' || ticketOpen),
  );
  const actions: Entry[] = offered.map((b) => ({
    id: b.action,
    label: b.label,
    keys: b.keys.map((k) => formatKeys(k, isMac)).join(' / '),
    run: later(() => {
      if (b.scope === 'detail') moveFocus('detail');
      dispatcher.run(b.action as KeyAction, b.scope === 'detail' ? 'detail' : ui().focusArea);
    }),
  }));
  const views: Entry[] = [
    { id: 'view.all', label: 'Go to All open tickets', run: later(() => ui().showView({ kind: 'all' })) },
    ...queues.map((q) => ({
      id: `queue:${q.id}`,
      label: `Go to queue ${q.name}`,
      hint: q.description,
      run: later(() => ui().showView({ kind: 'queue', queueId: q.id })),
    })),
  ];
  const q = query.trim().toLowerCase();
  // After g q the field reads "Go to queue": what is typed after it narrows the queues by name or description.
  const queueWords = q.startsWith('go to queue') ? q.slice('go to queue'.length).trim() : null;
  const matching = [...views, ...actions].filter(
    (e) => !q || matches(q, e) || (queueWords !== null && e.id.startsWith('queue:') && matches(queueWords, e)),
  );
  // Short enough to need no scrolling: type to narrow down.
  const shownActions = matching.slice(0, tickets.length > 0 ? 6 : 12);

  const openTicket = (t: Ticket) =>
    later(() => {
      ui().openTicket(t.id, 'split');
      moveFocus('detail');
    })();

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      onSpotlightOpen={nameDialog}
      onSpotlightClose={() => {
        if (ui().paletteOpen) ui().setOverlay('palette', false);
        restoreFocus();
      }}
    >
      <Spotlight.Search
        placeholder="Type a command, a ticket number or words from a title"
        aria-label="Command or ticket"
      />
      <Spotlight.ActionsList aria-label="Results">
        {tickets.length > 0 && (
          <Spotlight.ActionsGroup label="Tickets">
            {tickets.map((t) => (
              <Spotlight.Action key={t.id} onClick={() => openTicket(t)} aria-label={`${ticketLabel(t)} ${t.title}`}>
                <Group wrap="nowrap" gap="xs" w="100%">
                  <Text size="sm" ff="monospace" style={{ flexShrink: 0 }}>
                    {ticketLabel(t)}
                  </Text>
                  <Badge size="xs" variant="light" color={PRIORITY_COLORS[t.priority]}>
                    {t.priority}
                  </Badge>
                  <Text size="sm" truncate="end" title={t.title}>
                    {t.title}
                  </Text>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {shownActions.length > 0 && (
          <Spotlight.ActionsGroup label="Commands">
            {shownActions.map((e) => (
              <Spotlight.Action
                key={e.id}
                label={e.label}
                onClick={e.run}
                rightSection={e.keys ? <kbd className="key">{e.keys}</kbd> : undefined}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {tickets.length === 0 && shownActions.length === 0 && (
          <Spotlight.Empty>Nothing matches. Try a ticket number such as 1042, or words from a title.</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
