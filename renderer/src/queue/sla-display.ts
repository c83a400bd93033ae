import type { Clock, Escalation, Ticket } from '../../../shared/domain/ticket';
import { type ClockStatus, type SlaRules, type SlaStatus, ticketSlaStatus } from '../../../shared/sla';

/**
 * How the list, the detail pane and the workload chips word and colour SLA clocks. What state a clock is in, and
 * which clock a row shows, comes from shared/sla/status.ts (the same definition the views, the notification
 * schedule and the tray use); every duration is business time, as the SLA counts it.
 */
export type SlaState = SlaStatus | 'none';

export interface ClockView {
  clock: Clock;
  state: SlaState;
  /** When the target is (or was) used up; while paused, if the clock resumed now; null when unknown. */
  dueAt: number | null;
  /** For a list cell: `3h 04m`, `−1h 10m`, `Paused`, `Met`, `Late`. */
  short: string;
  /** For the pane and screen readers: `3h 04m left`, `1h 10m over`, `Paused · 2h 00m left`, `Met late`. */
  text: string;
}

export const CLOCK_NAMES: Record<Clock, { short: string; long: string }> = {
  response: { short: 'Resp', long: 'Response' },
  resolution: { short: 'Res', long: 'Resolution' },
};

export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  const m = Math.floor(abs / 60_000);
  if (m < 60) {
    const s = Math.floor((abs % 60_000) / 1000);
    return `${sign}${m}m ${String(s).padStart(2, '0')}s`;
  }
  const h = Math.floor(m / 60);
  if (h < 48) return `${sign}${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(h / 24)}d ${h % 24}h`;
}

/** `3h 04m left` or `3h 04m over`: never a negative amount "left". */
const leftOrOver = (remainingMs: number) =>
  remainingMs >= 0 ? `${formatDuration(remainingMs)} left` : `${formatDuration(-remainingMs)} over`;

export function clockView(c: ClockStatus): ClockView {
  const base = { clock: c.clock, state: c.status, dueAt: c.dueAt };
  switch (c.status) {
    case 'met':
      return { ...base, short: 'Met', text: 'Met' };
    case 'paused':
      return { ...base, short: 'Paused', text: `Paused · ${leftOrOver(c.remainingMs)}` };
    case 'breached':
      if (c.stopped)
        return {
          ...base,
          short: 'Late',
          text: c.remainingMs < 0 ? `Met late · ${leftOrOver(c.remainingMs)}` : 'Met late',
        };
      return { ...base, short: formatDuration(c.remainingMs), text: leftOrOver(c.remainingMs) };
    default:
      return { ...base, short: formatDuration(c.remainingMs), text: leftOrOver(c.remainingMs) };
  }
}

const unknown = (clock: Clock): ClockView => ({ clock, state: 'none', dueAt: null, short: '—', text: 'No target' });

export interface TicketSlaView {
  /** The clock a row shows (see headlineClock). */
  headline: ClockView;
  response: ClockView;
  resolution: ClockView;
}

/**
 * Both clocks of a ticket and its headline, at `now`. Without its policy or calendar (a replica still downloading
 * reference data, or a configuration the engine refuses) nothing is claimed: the clocks say "No target".
 */
export function ticketSlaView(
  ticket: Pick<Ticket, 'createdAt' | 'priority' | 'status' | 'firstResponseAt' | 'resolvedAt' | 'sla'>,
  rules: SlaRules,
  now: number,
): TicketSlaView {
  const status = ticketSlaStatus(ticket, rules, now);
  if (!status)
    return { headline: unknown('resolution'), response: unknown('response'), resolution: unknown('resolution') };
  return {
    headline: clockView(status.headline),
    response: clockView(status.response),
    resolution: clockView(status.resolution),
  };
}

/** Mantine colours of the pane's badges; list cells use the `--sla-*` variables through `data-sla-text`. */
export const SLA_COLORS: Record<SlaState, string> = {
  ok: 'teal',
  warning: 'orange',
  breached: 'red',
  met: 'gray',
  paused: 'gray',
  none: 'gray',
};

/** The states a list cell colours (the others are dimmed). */
export const isColouredState = (state: SlaState): state is 'ok' | 'warning' | 'breached' =>
  state === 'ok' || state === 'warning' || state === 'breached';

/**
 * What an SLA escalation the server recorded says: `breached its first response target; priority raised P3 → P2 by
 * its SLA policy`, `75 % of its resolution time used`.
 */
export function escalationText({ clock, percent, raised }: Pick<Escalation, 'clock' | 'percent' | 'raised'>): string {
  const name = clock === 'response' ? 'first response' : 'resolution';
  const what = percent >= 100 ? `breached its ${name} target` : `${percent} % of its ${name} time used`;
  return raised ? `${what}; priority raised ${raised.from} → ${raised.to} by its SLA policy` : what;
}
