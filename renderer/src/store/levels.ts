import { type Level, type Priority, priorityFrom } from '../../../shared/domain/priority';

/**
 * Priority is derived (impact × urgency) and the server refuses a ticket whose priority does not match its levels.
 * Choosing a priority therefore chooses levels: the pair giving that priority nearest to the current one, moving
 * urgency before impact (as the server's SLA escalation does), so "make it P1" changes as little as possible.
 */
const LEVELS: readonly Level[] = [1, 2, 3];

export function levelsFor(impact: Level, urgency: Level, priority: Priority): { impact: Level; urgency: Level } {
  let best: { impact: Level; urgency: Level } | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const i of LEVELS) {
    for (const u of LEVELS) {
      if (priorityFrom(i, u) !== priority) continue;
      // Impact changes cost slightly more, so an urgency-only change wins a tie.
      const cost = Math.abs(i - impact) * 1.1 + Math.abs(u - urgency);
      if (cost < bestCost) {
        best = { impact: i, urgency: u };
        bestCost = cost;
      }
    }
  }
  if (!best) throw new RangeError(`no impact and urgency give ${priority}`);
  return best;
}

/** The server's rule, worded as its refusal is. */
export function priorityProblem(ticket: { impact: Level; urgency: Level; priority: Priority }): string | null {
  const expected = priorityFrom(ticket.impact, ticket.urgency);
  return ticket.priority === expected
    ? null
    : `priority: must be ${expected} for impact ${ticket.impact} and urgency ${ticket.urgency}`;
}
