/**
 * One ticket through the authoritative SLA evaluation at one instant: the shared engine's due times and breach flags,
 * the escalation thresholds newly crossed, the optional "raise priority on breach" action, and the next instant the
 * ticket needs looking at again. Pure: the scheduler decides what to write.
 *
 * Guarantees:
 * - Each (clock, threshold) is reported at most once over the ticket's life (`crossedEscalations` against the
 *   recorded list), so repeated evaluations never escalate twice.
 * - Raise priority on breach (per-policy action): when a breach (a threshold ≥ 100%) is recorded for the first time
 *   on a ticket, urgency goes up a level at a time — then impact, once urgency is High — until the ITIL priority
 *   rises one step (P1 stays P1). The clocks re-target to the new priority, and thresholds the new target has already
 *   passed are recorded in the same evaluation. The breach's escalation record says so (`raised`), so the ticket
 *   itself carries the reason wherever it is shown.
 * - Not when the ticket's last change brought the breach about: a clock whose target was used up before that change
 *   (a priority or queue change re-targets from creation) breached because a person chose so, and the workstation
 *   asked them first. The breach is recorded and announced all the same; the priority stays as they set it.
 * - `nextCheckAt` is the earliest of: an unrecorded threshold of a running clock, the clock's next warning/breach
 *   transition. Paused and stopped clocks have none (a status change brings the ticket back through the change
 *   sequence). Null when nothing is due.
 */

import { sameJson } from '../../shared/canonical';
import type { BusinessCalendar } from '../../shared/domain/calendar';
import { type Priority, raisePriority } from '../../shared/domain/priority';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import type { Escalation, Ticket } from '../../shared/domain/ticket';
import type { SlaPolicyActions } from '../../shared/server-api/admin';
import { addBusinessMs } from '../../shared/sla/calendar-time';
import type { SlaEvaluation } from '../../shared/sla/engine';
import { SlaConfigError } from '../../shared/sla/errors';
import { policyFor } from '../../shared/sla/recompute';
import { computeTicketSla, crossedEscalations } from '../../shared/sla/ticket-sla';
import type { ReferenceData } from '../sync/reference';

export interface SlaOutcome {
  /** The ticket with its SLA fields (and maybe priority) as of now. */
  after: Ticket;
  /** Whether anything stored differs from `before`. */
  changed: boolean;
  /** Thresholds recorded by this evaluation. */
  crossed: Escalation[];
  raisedPriority: { from: Priority; to: Priority } | null;
  nextCheckAt: number | null;
}

export type SlaActions = ReadonlyMap<string, SlaPolicyActions>;

export function evaluateTicketSla(
  before: Ticket,
  reference: ReferenceData,
  actions: SlaActions,
  nowMs: number,
): SlaOutcome {
  const policy = policyFor(before, before, reference);
  const calendar = reference.calendars.get(policy.calendarId);
  if (!calendar) {
    throw new SlaConfigError(`SLA policy "${policy.name}" uses calendar ${policy.calendarId}, which does not exist`);
  }
  let ticket: Ticket = { ...before, sla: { ...before.sla, policyId: policy.id } };
  let computed = computeTicketSla(ticket, policy, calendar, nowMs);
  const crossed = crossedEscalations(computed.evaluation, policy, before.sla.escalations);
  let raisedPriority: SlaOutcome['raisedPriority'] = null;
  const breaches = crossed.filter((e) => e.percent >= 100);
  const [breach] = breaches;
  const firstBreach = breach !== undefined && !before.sla.escalations.some((e) => e.percent >= 100);
  const lastChangeAt = Date.parse(before.updatedAt);
  const breachedSinceLastChange = breaches.some((e) => computed.evaluation[e.clock].dueAt > lastChangeAt);
  if (firstBreach && breachedSinceLastChange && actions.get(policy.id)?.raisePriorityOnBreach) {
    const raised = raisePriority(ticket.impact, ticket.urgency);
    if (raised.priority !== ticket.priority) {
      raisedPriority = { from: ticket.priority, to: raised.priority };
      crossed[crossed.indexOf(breach)] = { ...breach, raised: raisedPriority };
      ticket = { ...ticket, ...raised };
      computed = computeTicketSla(ticket, policy, calendar, nowMs);
      crossed.push(...crossedEscalations(computed.evaluation, policy, [...before.sla.escalations, ...crossed]));
    }
  }
  const escalations = [...before.sla.escalations, ...crossed];
  const after: Ticket = {
    ...ticket,
    sla: { ...computed.sla, escalations },
    slaDueAt: computed.slaDueAt,
    slaWarnAt: computed.slaWarnAt,
  };
  const changed =
    !sameJson(before.sla, after.sla) ||
    before.slaDueAt !== after.slaDueAt ||
    before.slaWarnAt !== after.slaWarnAt ||
    before.priority !== after.priority;
  return {
    after: changed ? { ...after, updatedAt: new Date(nowMs).toISOString() } : before,
    changed,
    crossed,
    raisedPriority,
    nextCheckAt: nextCheck(computed.evaluation, policy, calendar, escalations, nowMs),
  };
}

function nextCheck(
  evaluation: SlaEvaluation,
  policy: Pick<SlaPolicy, 'escalateAtPercents'>,
  calendar: BusinessCalendar,
  recorded: readonly Escalation[],
  nowMs: number,
): number | null {
  const candidates: number[] = [];
  for (const clock of [evaluation.response, evaluation.resolution]) {
    if (clock.stoppedAt !== null || clock.paused) continue;
    if (clock.nextTransitionAt !== null && clock.nextTransitionAt > nowMs) candidates.push(clock.nextTransitionAt);
    for (const percent of new Set(policy.escalateAtPercents)) {
      if (recorded.some((e) => e.clock === clock.clock && e.percent === percent)) continue;
      // Whole minutes × whole percent: an exact number of ms, the same arithmetic crossedEscalations uses.
      const remaining = (clock.targetMs * percent) / 100 - clock.elapsedMs;
      if (remaining > 0) candidates.push(addBusinessMs(calendar, nowMs, remaining));
    }
  }
  return candidates.length === 0 ? null : Math.min(...candidates);
}
