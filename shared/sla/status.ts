/**
 * What every surface says about a ticket's SLA: one status per clock, and the clock that speaks for the ticket. The
 * queue row, the detail pane, the workload screen, the notification schedule and the tray read this module; the
 * views and counts read the keys the same engine stores on the ticket. So none of them can disagree.
 *
 * Guarantees:
 * - A clock is `met` or `breached` once it stopped (in time or late); `paused` while the ticket waits, whether or not
 *   it is over its target (nothing changes until it resumes; `remainingMs` says how far over); otherwise the engine's
 *   running state: `ok`, `warning` from `warningAt` on, `breached` from `dueAt` on.
 * - The headline clock (the one a list row shows) is the resolution clock once that stopped (the work is done), else
 *   the live clock due first. Live clocks count the same business time, so the one due first warns and breaches first.
 * - Keys: for an open ticket whose `slaDueAt` / `slaWarnAt` were computed by computeTicketSla at or after its last
 *   status change, at every later instant `now` the headline is `breached` exactly when slaDueAt ≤ now, and `warning`
 *   exactly when slaWarnAt ≤ now < slaDueAt. The replica's views ("Breached", "Breaching soon") and every count of
 *   them are those two ranges.
 */
import type { BusinessCalendar } from '../domain/calendar';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Clock, Ticket } from '../domain/ticket';
import { type ClockEvaluation, evaluateSla, type SlaEvaluation } from './engine';
import { SlaConfigError } from './errors';

export type SlaStatus = 'ok' | 'warning' | 'breached' | 'paused' | 'met';

export interface ClockStatus {
  readonly clock: Clock;
  readonly status: SlaStatus;
  /**
   * Business ms left before the target (negative: over it). For a stopped clock, how much was left when it stopped
   * (negative: how late); while paused, what is left when it resumes.
   */
  readonly remainingMs: number;
  /** When the target is (or was) used up; while paused, if the clock resumed now. */
  readonly dueAt: number;
  readonly stopped: boolean;
}

export function clockStatus(clock: ClockEvaluation): ClockStatus {
  const stopped = clock.stoppedAt !== null;
  return { clock: clock.clock, status: statusOf(clock), remainingMs: clock.remainingMs, dueAt: clock.dueAt, stopped };
}

function statusOf(clock: ClockEvaluation): SlaStatus {
  if (clock.stoppedAt !== null) return clock.state === 'met' ? 'met' : 'breached';
  if (clock.paused) return 'paused';
  return clock.state; // ok, warning or breached: the engine says `met` only of a stopped clock
}

/** The clock a one-line surface (a list row, a ticket chip) shows for the ticket. */
export function headlineClock(evaluation: SlaEvaluation): ClockEvaluation {
  const { response, resolution } = evaluation;
  if (resolution.stoppedAt !== null || response.stoppedAt !== null) return resolution;
  return response.dueAt <= resolution.dueAt ? response : resolution;
}

export interface TicketSlaStatus {
  readonly headline: ClockStatus;
  readonly response: ClockStatus;
  readonly resolution: ClockStatus;
  readonly evaluation: SlaEvaluation;
}

/** The policies and calendars a replica holds (reference data), by id. */
export interface SlaRules {
  readonly policies: ReadonlyMap<string, SlaPolicy>;
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
}

/**
 * The ticket's clocks at `now` under its own policy and that policy's calendar; null when the rules are not known
 * (a replica still downloading them) or cannot be computed with (an administrator's configuration error, which the
 * server reports).
 */
export function evaluateTicket(
  ticket: Pick<Ticket, 'createdAt' | 'priority' | 'status' | 'firstResponseAt' | 'resolvedAt' | 'sla'>,
  rules: SlaRules,
  now: number,
): SlaEvaluation | null {
  const policy = rules.policies.get(ticket.sla.policyId);
  const calendar = policy && rules.calendars.get(policy.calendarId);
  if (!policy || !calendar) return null;
  try {
    return evaluateSla({ ticket, policy, calendar, now });
  } catch (error) {
    if (error instanceof SlaConfigError) return null;
    throw error;
  }
}

export function ticketSlaStatus(
  ticket: Pick<Ticket, 'createdAt' | 'priority' | 'status' | 'firstResponseAt' | 'resolvedAt' | 'sla'>,
  rules: SlaRules,
  now: number,
): TicketSlaStatus | null {
  const evaluation = evaluateTicket(ticket, rules, now);
  if (!evaluation) return null;
  const response = clockStatus(evaluation.response);
  const resolution = clockStatus(evaluation.resolution);
  const headline = headlineClock(evaluation) === evaluation.response ? response : resolution;
  return { headline, response, resolution, evaluation };
}

/**
 * The clocks a change (of priority, impact, urgency or queue) breaches at once: not breached before it, breached
 * right after it, with the same instant for both evaluations. A re-targeted clock counts from creation, so raising
 * the priority of an older ticket can do this.
 */
export function breachedByChange(before: SlaEvaluation, after: SlaEvaluation): ClockEvaluation[] {
  return [after.response, after.resolution].filter(
    (clock) => clock.state === 'breached' && before[clock.clock].state !== 'breached',
  );
}
