import type { Clock, Ticket } from '../../../shared/domain/ticket';
import { NO_DUE } from '../../../shared/domain/ticket';

/**
 * What the list and the detail header show for an SLA clock: a state for the colour and a short countdown.
 * A clock is in warning once less than a quarter of its time is left (the demo policies warn at 75 %).
 */
export type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'paused' | 'none';

export interface ClockView {
  clock: Clock;
  state: SlaState;
  dueAt: number | null;
  remainingMs: number | null;
  text: string;
}

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

function stateFor(remaining: number, total: number): SlaState {
  if (remaining < 0) return 'breached';
  if (total > 0 && remaining < total * 0.25) return 'warning';
  return 'ok';
}

const isPaused = (t: Pick<Ticket, 'sla'>) => t.sla.pauses.some((p) => p.to === null);

/** The nearest running deadline of a row (`slaDueAt`), as a countdown. */
export function rowSla(t: Pick<Ticket, 'slaDueAt' | 'createdAt' | 'sla' | 'status'>, now: number): ClockView {
  if (t.slaDueAt >= NO_DUE) {
    const paused = isPaused(t) && t.status !== 'resolved' && t.status !== 'closed';
    return {
      clock: 'resolution',
      state: paused ? 'paused' : 'none',
      dueAt: null,
      remainingMs: null,
      text: paused ? 'Paused' : '—',
    };
  }
  const remaining = t.slaDueAt - now;
  const clock: Clock =
    t.sla.responseDueAt && Date.parse(t.sla.responseDueAt) === t.slaDueAt ? 'response' : 'resolution';
  return {
    clock,
    state: stateFor(remaining, t.slaDueAt - Date.parse(t.createdAt)),
    dueAt: t.slaDueAt,
    remainingMs: remaining,
    text: formatDuration(remaining),
  };
}

/** Each clock of a ticket, for the detail header: response and resolution, with met and paused states. */
export function ticketClocks(
  t: Pick<Ticket, 'createdAt' | 'sla' | 'status' | 'firstResponseAt' | 'resolvedAt'>,
  now: number,
): ClockView[] {
  const paused = isPaused(t);
  const make = (clock: Clock, due: string | null, metAt: string | null): ClockView => {
    if (!due) return { clock, state: 'none', dueAt: null, remainingMs: null, text: 'No target' };
    const dueAt = Date.parse(due);
    if (metAt) {
      const early = dueAt - Date.parse(metAt);
      return {
        clock,
        state: early >= 0 ? 'met' : 'breached',
        dueAt,
        remainingMs: null,
        text: early >= 0 ? 'Met' : `Met late (${formatDuration(early)})`,
      };
    }
    const remaining = dueAt - now;
    if (paused)
      return {
        clock,
        state: 'paused',
        dueAt,
        remainingMs: remaining,
        text: `Paused · ${formatDuration(remaining)} left`,
      };
    return {
      clock,
      state: stateFor(remaining, dueAt - Date.parse(t.createdAt)),
      dueAt,
      remainingMs: remaining,
      text: formatDuration(remaining),
    };
  };
  return [
    make('response', t.sla.responseDueAt, t.firstResponseAt),
    make('resolution', t.sla.resolutionDueAt, t.resolvedAt),
  ];
}

export const SLA_COLORS: Record<SlaState, string> = {
  ok: 'teal',
  warning: 'orange',
  breached: 'red',
  met: 'gray',
  paused: 'gray',
  none: 'gray',
};
