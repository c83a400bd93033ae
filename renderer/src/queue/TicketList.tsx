import { Center, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { registerFocusTarget } from '../keyboard/focus';
import { useKeyHandlers } from '../keyboard/KeyboardContext';
import { useListLength } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { DEFAULT_FILTERS, useUi } from '../ui-state';
import { emptyText } from './empty-text';
import { COMPACT_COLUMNS, FULL_COLUMNS, TicketRow } from './TicketRow';
import { useTicketWindow } from './use-ticket-window';
import { useListQuery, useViewContext } from './use-view-query';
import { hasTextFilter, viewSelector } from './view-query';

export const ROW_HEIGHT = 32;

/**
 * The queue: an ARIA listbox over a virtual list. Focus stays on the listbox; the active row is announced through
 * aria-activedescendant. Only rows on screen are rendered, and only pages around them are queried.
 */
export function TicketList({ title }: { title: string }) {
  const { store, userName } = useWorkspace();
  const query = useListQuery();
  const ctx = useViewContext();
  // When no index can count the filtered list, its length is the view's indexed count, trimmed at the real end.
  const length = useListLength(store.db.tickets, query.selector, viewSelector(useUi.getState().view, ctx));
  const counted = length.count;
  const [end, setEnd] = useState<number | null>(null);
  const count = counted === null ? null : length.exact ? counted : (end ?? counted);
  const ui = useUi();
  const listRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);

  const virtualizer = useVirtualizer({
    count: count ?? 0,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Before the first measurement (and in jsdom, which never lays out) assume a typical list size.
    initialRect: { width: 1000, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const win = useTicketWindow(
    store.db.tickets,
    query,
    { start: Math.min(first, ui.activeIndex), end: Math.max(last, ui.activeIndex) },
    count ?? 0,
  );
  useEffect(() => setEnd(length.exact ? null : win.end), [length.exact, win.end]);

  useEffect(() => registerFocusTarget('list', () => listRef.current), []);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the active index inside the list and the active id in step with the row at that index
  // (after an action moves a ticket out of the view, the next one becomes active: focus is never lost).
  const total = count ?? 0;
  const { activeIndex, activeId, setActive, detail, openTicket, focusArea } = ui;
  useEffect(() => {
    if (count === null) return;
    const clamped = Math.max(0, Math.min(activeIndex, total - 1));
    const row = win.rowAt(clamped);
    const id = row?.id ?? null;
    if (clamped !== activeIndex || (row && id !== activeId)) setActive(clamped, id);
    // In split view the open ticket follows the selection while the list has focus.
    if (row && detail === 'split' && focusArea === 'list' && useUi.getState().openTicketId !== row.id)
      openTicket(row.id);
  });

  const move = useCallback(
    (index: number) => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(index, total - 1));
      setActive(next, win.rowAt(next)?.id ?? null);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [total, setActive, win, virtualizer],
  );

  const open = useCallback((index: number, id: string | null) => {
    if (!id) return;
    const s = useUi.getState();
    s.setActive(index, id);
    s.openTicket(id);
    s.setFocusArea('detail');
  }, []);

  const pageRows = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
  useKeyHandlers('list', {
    'list.next': () => move(activeIndex + 1),
    'list.prev': () => move(activeIndex - 1),
    'list.first': () => move(0),
    'list.last': () => move(total - 1),
    'list.open': () => open(activeIndex, activeId),
    'list.toggleSelect': () => activeId && ui.toggleSelected(activeId, activeIndex),
    'list.rangeSelect': () => {
      const anchor = ui.anchorIndex ?? activeIndex;
      const [a, b] = anchor < activeIndex ? [anchor, activeIndex] : [activeIndex, anchor];
      const ids: string[] = [];
      for (let i = a; i <= b; i++) {
        const id = win.rowAt(i)?.id;
        if (id) ids.push(id);
      }
      ui.selectRange(ids, activeIndex);
    },
  });
  // PageUp/PageDown are list conventions the keymap leaves to the listbox itself.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'PageDown') move(activeIndex + pageRows);
    else if (e.key === 'PageUp') move(activeIndex - pageRows);
    else return;
    e.preventDefault();
  };

  const onPick = useCallback(
    (index: number, id: string, event: React.MouseEvent) => {
      const s = useUi.getState();
      if (event.shiftKey && s.anchorIndex !== null) {
        const [a, b] = s.anchorIndex < index ? [s.anchorIndex, index] : [index, s.anchorIndex];
        const ids: string[] = [];
        for (let i = a; i <= b; i++) {
          const rowId = win.rowAt(i)?.id;
          if (rowId) ids.push(rowId);
        }
        s.selectRange(ids, index);
      } else if (event.ctrlKey || event.metaKey) s.toggleSelected(id, index);
      s.setActive(index, id);
      if (s.detail === 'split') s.openTicket(id);
      listRef.current?.focus({ preventScroll: true });
    },
    [win],
  );
  const labels = useMemo(() => ({ userName }), [userName]);

  const compact = width < 860;
  const filtered =
    hasTextFilter(ui.filters) ||
    JSON.stringify({ ...ui.filters, text: '' }) !== JSON.stringify({ ...DEFAULT_FILTERS, text: '' });
  const activeRow = win.rowAt(activeIndex);
  const selected = new Set(ui.selected);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <div
        className="list-header"
        aria-hidden="true"
        style={{ gridTemplateColumns: compact ? COMPACT_COLUMNS : FULL_COLUMNS }}
      >
        <span>Number</span>
        <span>Pri</span>
        <span>Title</span>
        {!compact && <span>Requester</span>}
        <span>Assignee</span>
        {!compact && <span>Status</span>}
        <span style={{ textAlign: 'right' }}>SLA</span>
        {!compact && <span>Updated</span>}
      </div>
      {count === 0 && (
        // An empty listbox is invalid ARIA: while there are no rows the area is a labelled section with the hint.
        <section
          ref={listRef}
          className="ticket-list"
          tabIndex={-1}
          aria-label={`${title}: no tickets`}
          onFocus={() => ui.setFocusArea('list')}
          style={{ flex: 1, minHeight: 0 }}
        >
          <Center h="100%" p="xl">
            <Text c="dimmed" size="sm" maw={420} ta="center">
              {emptyText(ui.view, title, filtered)}
            </Text>
          </Center>
        </section>
      )}
      <div
        ref={count === 0 ? undefined : listRef}
        className="ticket-list"
        role="listbox"
        tabIndex={0}
        aria-label={`${title}: ${count ?? 'loading'} tickets`}
        aria-multiselectable="true"
        aria-activedescendant={activeRow ? `row-${activeRow.id}` : undefined}
        aria-busy={count === null || (!win.loaded && total > 0)}
        onFocus={() => ui.setFocusArea('list')}
        onKeyDown={onKeyDown}
        hidden={count === 0}
        style={{ flex: 1, overflow: 'auto', position: 'relative', minHeight: 0 }}
      >
        {count === null && (
          <Center h={120}>
            <Loader size="xs" aria-label={hasTextFilter(ui.filters) ? 'Searching' : 'Loading tickets'} />
            {hasTextFilter(ui.filters) && (
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
                  className="ticket-row"
                  aria-hidden="true"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                >
                  <Text size="xs" c="dimmed">
                    Loading…
                  </Text>
                </div>
              );
            return (
              <TicketRow
                key={ticket.id}
                ticket={ticket}
                index={item.index}
                count={total}
                active={item.index === activeIndex}
                selected={selected.has(ticket.id)}
                compact={compact}
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
