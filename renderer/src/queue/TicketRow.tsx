import { memo } from 'react';
import { STATUS_LABELS } from '../../../shared/domain/lifecycle';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { useUi } from '../ui-state';
import type { RowColumns } from './row-layout';
import { SlaCountdown } from './SlaCountdown';

export interface RowLabels {
  userName(id: string): string;
}

export function relativeTime(iso: string, now = Date.now()): string {
  const mins = Math.round((now - Date.parse(iso)) / 60_000);
  if (mins < 1) return 'now';
  if (mins < 60) return `${mins}m ago`;
  const hours = Math.round(mins / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.round(hours / 24)}d ago`;
}

interface Props {
  ticket: Ticket;
  index: number;
  count: number;
  columns: RowColumns;
  labels: RowLabels;
  top: number;
  onPick(index: number, id: string, event: React.MouseEvent): void;
  onOpen(index: number, id: string): void;
}

/**
 * One ticket as a listbox option: 32 px, plain elements (a row is mounted for every scroll step). Each row reads
 * whether it is active or selected from the UI state itself, so moving the selection re-renders two rows, not the
 * list; the SLA countdown ticks in its own component.
 */
export const TicketRow = memo(function TicketRow({
  ticket,
  index,
  count,
  columns,
  labels,
  top,
  onPick,
  onOpen,
}: Props) {
  const active = useUi((s) => s.activeId === ticket.id);
  const selected = useUi((s) => s.selected.includes(ticket.id));
  const label = ticketLabel(ticket);
  const requester = labels.userName(ticket.requesterId);
  const assignee = labels.userName(ticket.assigneeId);
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: options are reached through the listbox's aria-activedescendant
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard
    <div
      role="option"
      id={`row-${ticket.id}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-active={active}
      data-ticket-id={ticket.id}
      className="ticket-row"
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: columns.template }}
      onClick={(e) => onPick(index, ticket.id, e)}
      onDoubleClick={() => onOpen(index, ticket.id)}
    >
      <span className="num">{label}</span>
      <span className="pri" data-priority={ticket.priority} role="img" aria-label={`Priority ${ticket.priority}`}>
        {ticket.priority}
      </span>
      <span className="title" title={ticket.title}>
        {ticket.title}
      </span>
      {columns.details && <span title={requester}>{requester}</span>}
      {columns.assignee && (
        <span title={assignee} className={ticket.assigneeId === '' ? 'dim' : undefined}>
          {assignee}
        </span>
      )}
      {columns.details && <span>{STATUS_LABELS[ticket.status]}</span>}
      <SlaCountdown ticket={ticket} />
      {columns.details && (
        <span title={new Date(ticket.updatedAt).toLocaleString()}>{relativeTime(ticket.updatedAt)}</span>
      )}
    </div>
  );
});
