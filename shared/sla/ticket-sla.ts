/**
 * The server-owned SLA fields of a ticket, computed the same way by the server and by an offline client.
 *
 * Guarantees:
 * - `computeTicketSla` overwrites only the derived fields (due times, breach flags, `slaDueAt`, `slaWarnAt`);
 *   `policyId`, `pauses` and `escalations` are carried over as they are.
 * - `choosePolicy` is deterministic: a policy naming the queue wins (the smallest id if several do), else the
 *   queue's default; it throws SlaConfigError rather than guessing.
 * - `crossedEscalations` reports each (clock, threshold) at most once over a ticket's life, given the recorded list.
 */
import type { BusinessCalendar } from '../domain/calendar';
import type { Priority } from '../domain/priority';
import type { Queue } from '../domain/queue';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Escalation, TicketSla } from '../domain/ticket';
import { type ClockEvaluation, evaluateSla, type SlaEvaluation, type SlaPolicyRules, type SlaTicket } from './engine';
import { SlaConfigError } from './errors';

export interface TicketSlaFields {
  readonly sla: TicketSla;
  /** Epoch ms of the earliest running due time, or NO_DUE. */
  readonly slaDueAt: number;
  /** Epoch ms of the earliest running warning instant, or NO_DUE. */
  readonly slaWarnAt: number;
  /** The evaluation the fields were taken from, so callers need not evaluate twice. */
  readonly evaluation: SlaEvaluation;
}

export function computeTicketSla(
  ticket: SlaTicket,
  policy: SlaPolicyRules & Pick<SlaPolicy, 'name' | 'calendarId'>,
  calendar: BusinessCalendar,
  nowMs: number,
): TicketSlaFields {
  if (policy.calendarId !== calendar.id) {
    throw new SlaConfigError(
      `SLA policy "${policy.name}" uses calendar ${policy.calendarId}, but calendar "${calendar.name}" (${calendar.id}) was given`,
    );
  }
  const evaluation = evaluateSla({ ticket, policy, calendar, now: nowMs });
  const sla: TicketSla = {
    ...ticket.sla,
    responseDueAt: dueIso(evaluation.response),
    resolutionDueAt: dueIso(evaluation.resolution),
    responseBreached: evaluation.response.state === 'breached',
    resolutionBreached: evaluation.resolution.state === 'breached',
  };
  return { sla, slaDueAt: evaluation.sortKey, slaWarnAt: evaluation.warnKey, evaluation };
}

/** A paused clock has no fixed due time: it moves with every minute the ticket waits. */
const dueIso = (clock: ClockEvaluation): string | null => (clock.paused ? null : new Date(clock.dueAt).toISOString());

/**
 * The policy for a ticket in `queue`. Every policy sets targets for all priorities, so `_priority` does not change
 * the choice; it is accepted so callers can pass the ticket's fields as they are.
 */
export function choosePolicy<P extends Pick<SlaPolicy, 'id' | 'queueIds'>>(
  policies: readonly P[],
  queue: Pick<Queue, 'id' | 'name' | 'defaultSlaPolicyId'>,
  _priority?: Priority,
): P {
  const naming = policies.filter((policy) => policy.queueIds.includes(queue.id));
  const specific = naming.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  if (specific) return specific;
  const fallback = policies.find((policy) => policy.id === queue.defaultSlaPolicyId);
  if (fallback) return fallback;
  throw new SlaConfigError(
    `Queue "${queue.name}" has no SLA policy: no policy lists it and its default policy ${queue.defaultSlaPolicyId} does not exist`,
  );
}

/**
 * Escalation thresholds (`policy.escalateAtPercents`, per clock) whose share of the target has elapsed by the
 * evaluation instant and which are not yet in `alreadyRecorded`. Stopped clocks escalate nothing: the work is done.
 * A paused clock still reports thresholds it crossed before the pause. `at` is the evaluation instant.
 */
export function crossedEscalations(
  evaluation: SlaEvaluation,
  policy: Pick<SlaPolicy, 'escalateAtPercents'>,
  alreadyRecorded: readonly Escalation[],
): Escalation[] {
  const at = new Date(evaluation.evaluatedAt).toISOString();
  const percents = [...new Set(policy.escalateAtPercents)].sort((a, b) => a - b);
  const crossed: Escalation[] = [];
  for (const clock of [evaluation.response, evaluation.resolution]) {
    if (clock.stoppedAt !== null) continue;
    for (const percent of percents) {
      const recorded = alreadyRecorded.some((e) => e.clock === clock.clock && e.percent === percent);
      // Exact integers: targets are whole minutes, so target × percent / 100 is a whole number of ms.
      if (!recorded && clock.elapsedMs * 100 >= clock.targetMs * percent) {
        crossed.push({ clock: clock.clock, percent, at });
      }
    }
  }
  return crossed;
}
