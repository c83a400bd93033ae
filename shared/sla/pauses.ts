/**
 * Keeps a ticket's pause records in step with its status.
 *
 * Guarantees:
 * - A ticket is paused while its status is one of the policy's `pauseStatuses` or `resolved` / `closed`. Resolved and
 *   closed pause both clocks so that, if the ticket is reopened, the time it spent resolved does not count: the
 *   resolution clock resumes where it stopped and a still-unanswered response clock does not breach meanwhile.
 * - Entering a pausing status opens a pause (unless one is already open); leaving for a counting status closes it.
 *   Moving between two pausing statuses keeps the one open pause. So there is never more than one open pause, and
 *   applying the same change twice gives the same result.
 * - Pure: returns a new object and never mutates its input; other fields are copied unchanged.
 */

import type { Status } from '../domain/lifecycle';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Pause, TicketSla } from '../domain/ticket';

/** Statuses that pause the clocks whatever the policy says: the work is done, awaiting confirmation or archived. */
const ALWAYS_PAUSED: readonly Status[] = ['resolved', 'closed'];

export function isPausingStatus(status: Status, policy: Pick<SlaPolicy, 'pauseStatuses'>): boolean {
  return ALWAYS_PAUSED.includes(status) || policy.pauseStatuses.includes(status);
}

export function applyStatusChange(
  sla: TicketSla,
  from: Status,
  to: Status,
  atIso: string,
  policy: Pick<SlaPolicy, 'pauseStatuses'>,
): TicketSla {
  if (Number.isNaN(Date.parse(atIso))) throw new RangeError(`atIso must be an ISO-8601 instant, got "${atIso}"`);
  const pauses = sla.pauses.map((pause) => ({ ...pause }));
  const copy = { ...sla, pauses, escalations: sla.escalations.map((escalation) => ({ ...escalation })) };
  if (from === to) return copy;
  const open = pauses.filter((pause) => pause.to === null);
  if (isPausingStatus(to, policy)) {
    if (open.length === 0) pauses.push({ from: atIso, to: null });
    return copy;
  }
  for (const pause of open) pause.to = laterOf(pause.from, atIso);
  return copy;
}

/** A pause never ends before it starts, even when an offline device's clock ran behind. */
function laterOf(a: Pause['from'], b: string): string {
  return Date.parse(b) >= Date.parse(a) ? b : a;
}
