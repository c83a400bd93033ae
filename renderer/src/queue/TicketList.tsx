import { Center, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { sameJson } from '../../../shared/canonical';
import { focusIsLost, keyAreaProps } from '../keyboard/areas';
import { focusArea, moveFocus, registerFocusTarget } from '../keyboard/focus';
import { useKeyHandlers } from '../keyboard/KeyboardContext';
import { useWorkspace } from '../rx/StoreContext';
import { hintTicket } from '../ticket/ticket-hint';
import { DEFAULT_FILTERS, useUi } from '../ui-state';
import { emptyText } from './empty-text';
import { markListShown } from './list-shown';
import { ROW_COLUMNS, rowLayoutFor } from './row-layout';
import { TicketRow } from './TicketRow';
import { rowsBetween, useTicketWindow } from './use-ticket-window';
import type { QueueQuery } from './use-view-query';
import { hasTextFilter } from './view-query';

export const ROW_HEIGHT = 32;

/**
 * The queue: an ARIA listbox over a virtual list. Focus stays on the listbox; the active row is announced through
 * aria-activedescendant. Only rows on screen are rendered, and only pages around them are queried.
 *
 * Moving the selection (j/k) does not re-render the list: the two rows concerned read their state from the store,
 * and the listbox's aria-activedescendant is kept in step outside React. The list renders again only when it
 * scrolls, its rows change or the view changes.
 */
export function TicketList({ title, query }: { title: string; query: QueueQuery }) {
  const { store, userName } = useWorkspace();
  const view = useUi((s) => s.view);
  const filters = useUi((s) => s.filters);
  // The listbox stays mounted (hidden when the view is empty), so the virtualizer keeps observing one element: a new
  // scroll element costs it a forced layout on the next view switch.
  const listRef = useRef<HTMLDivElement>(null);
  const emptyRef = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(1000);

  // When filters no index can count narrow the list, its length is the indexed count, trimmed at the real end.
  const [end, setEnd] = useState<number | null>(null);
  const count = query.bound === null ? null : query.exact ? query.bound : (end ?? query.bound);
  // Until the length is counted (a count walks the index: long on a large replica), the first page's rows show.
  const listKey = JSON.stringify(query.list);
  const [firstPage, setFirstPage] = useState<{ key: string; rows: number } | null>(null);
  const total = count ?? (firstPage?.key === listKey ? firstPage.rows : 0);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Before the first measurement (and in jsdom, which never lays out) assume a typical list size.
    initialRect: { width: 1000, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  // The pages around what is on screen (the active row is scrolled into view, so it is among them).
  const win = useTicketWindow(store.db.tickets, query.list, { start: first, end: last }, total);
  useEffect(() => setEnd(query.exact ? null : win.end), [query.exact, win.end]);
  useEffect(() => setFirstPage({ key: listKey, rows: win.firstPageRows }), [listKey, win.firstPageRows]);
  useEffect(() => {
    if (count === 0 || win.loaded) markListShown();
  }, [count, win.loaded]);

  // Stable callbacks read the latest window through a ref, so memoised rows keep their props.
  const winRef = useRef(win);
  winRef.current = win;
  const totalRef = useRef(total);
  totalRef.current = total;

  useEffect(
    () => registerFocusTarget('list', () => (listRef.current?.hidden ? emptyRef.current : listRef.current)),
    [],
  );
  // The listbox and the empty view's text take turns as the list's focus target when a view fills or empties (the
  // first download after sign-in fills an empty one): the focus goes along instead of being lost.
  const empty = count === 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list empties or fills
  useLayoutEffect(() => {
    const active = document.activeElement;
    const hidden = active === listRef.current && listRef.current?.hidden;
    if (hidden || (focusIsLost(active) && useUi.getState().focusArea === 'list')) focusArea('list');
  }, [empty]);
  // Another view, search or sort (or the same view chosen again) starts at its top, where its first row becomes
  // active: the listbox stays mounted, so its scroll position would otherwise carry over to rows it has nothing to
  // do with. Not on the list's own changes (the minute's tick in a clock view, an edit): those keep the place.
  // A reset is the first row made active with no row read yet; a move to a row not loaded yet (End) also clears the
  // id, but keeps its own index and scroll.
  const sort = useUi((s) => s.sort);
  const intent = JSON.stringify([view, filters, sort]);
  const atReset = useUi((s) => s.activeId === null && s.activeIndex === 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: intent stands for the view, filters and sort
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el || !atReset) return;
    if ((virtualizer.scrollOffset ?? el.scrollTop) > 0) el.scrollTop = 0;
  }, [intent, atReset]);

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    // A hidden (empty) list measures 0: keep the last real width rather than switching to fewer columns.
    const observer = new ResizeObserver(() => {
      if (el.clientWidth > 0) setWidth(el.clientWidth);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // aria-activedescendant follows the active row without rendering the list.
  useEffect(() => {
    const apply = (activeId: string | null) => {
      const el = listRef.current;
      if (!el) return;
      if (activeId && document.getElementById(`row-${activeId}`))
        el.setAttribute('aria-activedescendant', `row-${activeId}`);
      else el.removeAttribute('aria-activedescendant');
    };
    apply(useUi.getState().activeId);
    return useUi.subscribe((s, prev) => {
      if (s.activeId !== prev.activeId) apply(s.activeId);
    });
  });

  /** Makes the row at `index` active (clamped), and in split view opens it while the list has focus. */
  const activate = useCallback((index: number) => {
    const n = totalRef.current;
    if (n === 0) return;
    const next = Math.max(0, Math.min(index, n - 1));
    const row = winRef.current.rowAt(next);
    const id = row?.id ?? null;
    const s = useUi.getState();
    if (next !== s.activeIndex || id !== s.activeId) s.setActive(next, id);
    if (id && s.detail === 'split' && s.focusArea === 'list' && s.openTicketId !== id) {
      hintTicket(row);
      s.openTicket(id);
    }
  }, []);

  const move = useCallback(
    (index: number) => {
      if (totalRef.current === 0) return;
      const next = Math.max(0, Math.min(index, totalRef.current - 1));
      activate(next);
      // Rows have one fixed height, so whether the row is in view is known from the virtualizer's last scroll
      // position without reading the layout; only a row outside it scrolls (to the nearest edge). The virtualizer's
      // scrollToIndex would read the scroll height (a forced layout) on every press.
      const el = listRef.current;
      if (!el) return;
      const top = next * ROW_HEIGHT;
      const viewTop = virtualizer.scrollOffset ?? el.scrollTop;
      const viewHeight = virtualizer.scrollRect?.height ?? el.clientHeight;
      if (top < viewTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > viewTop + viewHeight) el.scrollTop = top + ROW_HEIGHT - viewHeight;
    },
    [activate, virtualizer],
  );

  // When rows arrive or the list changes, the active row stays on its ticket: a ticket created here or arriving from
  // the server above it moves it down a row, never puts another ticket under the highlight. Once its ticket leaves
  // the view (an action moved it out), the row now at its place becomes active: focus is never lost. Showing the
  // same view again (g m on My open tickets), a new sort or filters with the same rows clear the active row without
  // changing the query's rows: that must re-activate too.
  const activeCleared = useUi((s) => s.activeId === null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the loaded rows, the length or a reset change
  useEffect(() => {
    if (count === null && total === 0) return;
    const { activeId, activeIndex } = useUi.getState();
    const kept = activeId === null ? -1 : winRef.current.indexOf(activeId);
    if (kept >= 0 && kept !== activeIndex) move(kept);
    else activate(activeIndex);
  }, [count, total, win.version, activeCleared, activate]);

  const open = useCallback((index: number, id: string | null) => {
    if (!id) return;
    hintTicket(winRef.current.rowAt(index));
    const s = useUi.getState();
    s.setActive(index, id);
    s.openTicket(id);
    moveFocus('detail');
  }, []);

  // The ids of the rows from a to b: from the loaded pages, or read from the replica when some are not loaded (a
  // Shift+click far down the list), so a range never silently leaves rows out.
  const listQuery = useRef(query.list);
  listQuery.current = query.list;
  const rangeIds = async (a: number, b: number): Promise<string[]> => {
    const [from, to] = [Math.min(a, b), Math.max(a, b)];
    const ids: string[] = [];
    for (let i = from; i <= to; i++) {
      const id = winRef.current.rowAt(i)?.id;
      if (!id) return (await rowsBetween(store.db.tickets, listQuery.current, from, to)).map((t) => t.id);
      ids.push(id);
    }
    return ids;
  };
  const ui = () => useUi.getState();
  /** Shift+↑/↓ and Shift+click: the selection grows (or shrinks) from the anchor to the row reached. */
  const extendTo = (index: number) => {
    const s = ui();
    const anchor = s.anchorIndex ?? s.activeIndex;
    move(index);
    const reached = ui().activeIndex;
    void rangeIds(anchor, reached).then((ids) => ui().extendSelection(anchor, ids));
  };
  useKeyHandlers('list', {
    'list.next': () => move(ui().activeIndex + 1),
    'list.prev': () => move(ui().activeIndex - 1),
    'list.first': () => move(0),
    'list.last': () => move(totalRef.current - 1),
    'list.open': () => open(ui().activeIndex, ui().activeId),
    'list.toggleSelect': () => {
      const { activeId, activeIndex } = ui();
      if (activeId) ui().toggleSelected(activeId, activeIndex);
    },
    'list.rangeSelect': () => {
      const { anchorIndex, activeIndex } = ui();
      void rangeIds(anchorIndex ?? activeIndex, activeIndex).then((ids) => ui().selectRange(ids, activeIndex));
    },
    'list.extendDown': () => extendTo(ui().activeIndex + 1),
    'list.extendUp': () => extendTo(ui().activeIndex - 1),
  });
  // PageUp/PageDown are list conventions the keymap leaves to the listbox itself.
  const onKeyDown = (e: React.KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    if (e.key === 'PageDown') move(ui().activeIndex + pageRows);
    else if (e.key === 'PageUp') move(ui().activeIndex - pageRows);
    else return;
    e.preventDefault();
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the window through its ref
  const onPick = useCallback((index: number, id: string, event: React.MouseEvent) => {
    const s = useUi.getState();
    if (event.shiftKey) {
      const anchor = s.anchorIndex ?? s.activeIndex;
      void rangeIds(anchor, index).then((ids) => useUi.getState().extendSelection(anchor, ids));
    } else if (event.ctrlKey || event.metaKey) s.toggleSelected(id, index);
    s.setActive(index, id);
    if (s.detail === 'split') {
      hintTicket(winRef.current.rowAt(index));
      s.openTicket(id);
    }
    listRef.current?.focus({ preventScroll: true });
  }, []);
  const labels = useMemo(() => ({ userName }), [userName]);

  const columns = ROW_COLUMNS[rowLayoutFor(width)];
  const filtered = hasTextFilter(filters) || !sameJson({ ...filters, text: '' }, { ...DEFAULT_FILTERS, text: '' });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <div className="list-header" aria-hidden="true" style={{ gridTemplateColumns: columns.template }}>
        <span>Number</span>
        <span>Pri</span>
        <span>Title</span>
        {columns.details && <span>Requester</span>}
        {columns.assignee && <span>Assignee</span>}
        {columns.details && <span>Status</span>}
        <span style={{ textAlign: 'right' }}>SLA</span>
        {columns.details && <span>Updated</span>}
      </div>
      {count === 0 && (
        // An empty listbox is invalid ARIA: while there are no rows the area is a labelled section with the hint.
        <section
          ref={emptyRef}
          className="ticket-list"
          tabIndex={-1}
          aria-label={`${title}: no tickets`}
          {...keyAreaProps('list')}
          style={{ flex: 1, minHeight: 0 }}
        >
          <Center h="100%" p="xl">
            <Text c="dimmed" size="sm" maw={420} ta="center">
              {emptyText(view, title, filtered)}
            </Text>
          </Center>
        </section>
      )}
      <div
        ref={listRef}
        className="ticket-list"
        role="listbox"
        tabIndex={0}
        aria-label={`${title}: ${count ?? 'loading'} tickets`}
        aria-multiselectable="true"
        aria-busy={(count === null && total === 0) || (!win.loaded && total > 0)}
        {...keyAreaProps('list')}
        onKeyDown={onKeyDown}
        // Shift+click extends the selection: it must not select the rows' text as well.
        onMouseDown={(e) => e.shiftKey && e.preventDefault()}
        hidden={count === 0}
        style={{ flex: 1, overflow: 'auto', position: 'relative', minHeight: 0 }}
      >
        {count === null && total === 0 && (
          <Center h={120}>
            <Loader size="xs" aria-label={hasTextFilter(filters) ? 'Searching' : 'Loading tickets'} />
            {hasTextFilter(filters) && (
              <Text size="sm" c="dimmed" ml="xs">
                Searching…
              </Text>
            )}
          </Center>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const ticket = win.rowAt(item.index);
            if (!ticket)
              return (
                <div
                  key={item.key}
                  className="ticket-row dim"
                  aria-hidden="true"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  Loading…
                </div>
              );
            return (
              <TicketRow
                key={ticket.id}
                ticket={ticket}
                index={item.index}
                count={count ?? -1}
                columns={columns}
                labels={labels}
                top={item.start}
                onPick={onPick}
                onOpen={open}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
