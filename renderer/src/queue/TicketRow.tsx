import { memo } from 'react';
import { STATUS_LABELS } from '../../../shared/domain/lifecycle';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { useUi } from '../ui-state';
import { SlaCountdown } from './SlaCountdown';

export interface RowLabels {
  userName(id: string): string;
}

export const FULL_COLUMNS = '84px 34px minmax(160px, 1fr) 130px 130px 72px 100px 64px';
// Split view in a small window leaves the list about 440 px: these fit it (with the row's gaps and padding).
export const COMPACT_COLUMNS = '76px 30px minmax(100px, 1fr) 88px 92px';

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
  compact: boolean;
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
  compact,
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
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: compact ? COMPACT_COLUMNS : FULL_COLUMNS }}
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
      {!compact && <span title={requester}>{requester}</span>}
      <span title={assignee} className={ticket.assigneeId === '' ? 'dim' : undefined}>
        {assignee}
      </span>
      {!compact && <span>{STATUS_LABELS[ticket.status]}</span>}
      <SlaCountdown ticket={ticket} />
      {!compact && <span title={new Date(ticket.updatedAt).toLocaleString()}>{relativeTime(ticket.updatedAt)}</span>}
    </div>
  );
});
