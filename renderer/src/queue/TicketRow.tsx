import { Badge, Text } from '@mantine/core';
import { memo } from 'react';
import { STATUS_LABELS } from '../../../shared/domain/lifecycle';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { PRIORITY_COLORS } from '../app/theme';
import { SlaCountdown } from './SlaCountdown';

export interface RowLabels {
  userName(id: string): string;
}

export const FULL_COLUMNS = '84px 34px minmax(160px, 1fr) 130px 130px 72px 84px 64px';
export const COMPACT_COLUMNS = '84px 34px minmax(120px, 1fr) 110px 84px';

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
  active: boolean;
  selected: boolean;
  compact: boolean;
  labels: RowLabels;
  top: number;
  onPick(index: number, id: string, event: React.MouseEvent): void;
  onOpen(index: number, id: string): void;
}

/** One ticket as a listbox option: 32 px, title truncated with the full text in `title`. */
export const TicketRow = memo(function TicketRow({
  ticket,
  index,
  count,
  active,
  selected,
  compact,
  labels,
  top,
  onPick,
  onOpen,
}: Props) {
  const label = ticketLabel(ticket);
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
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        transform: `translateY(${top}px)`,
        gridTemplateColumns: compact ? COMPACT_COLUMNS : FULL_COLUMNS,
      }}
      onClick={(e) => onPick(index, ticket.id, e)}
      onDoubleClick={() => onOpen(index, ticket.id)}
    >
      <span className="num">{label}</span>
      <span>
        <Badge
          color={PRIORITY_COLORS[ticket.priority]}
          variant="light"
          size="xs"
          aria-label={`Priority ${ticket.priority}`}
        >
          {ticket.priority}
        </Badge>
      </span>
      <Text span size="sm" truncate="end" title={ticket.title} className="title">
        {ticket.title}
      </Text>
      {!compact && <span title={labels.userName(ticket.requesterId)}>{labels.userName(ticket.requesterId)}</span>}
      <span
        title={labels.userName(ticket.assigneeId)}
        style={ticket.assigneeId === '' ? { color: 'var(--mantine-color-dimmed)' } : undefined}
      >
        {labels.userName(ticket.assigneeId)}
      </span>
      {!compact && <span>{STATUS_LABELS[ticket.status]}</span>}
      <SlaCountdown ticket={ticket} />
      {!compact && <span title={new Date(ticket.updatedAt).toLocaleString()}>{relativeTime(ticket.updatedAt)}</span>}
    </div>
  );
});
