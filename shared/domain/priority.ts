import { z } from 'zod';

/** ITIL priority: impact (how much of the business is affected) × urgency (how soon it hurts), each 1 = high … 3 = low. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

export const LevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  message: 'must be 1 (high), 2 (medium) or 3 (low)',
});
export type Level = z.infer<typeof LevelSchema>;

export const LEVEL_LABELS: Record<Level, string> = { 1: 'High', 2: 'Medium', 3: 'Low' };

export const PRIORITY_LABELS: Record<Priority, string> = {
  P1: 'P1 Critical',
  P2: 'P2 High',
  P3: 'P3 Medium',
  P4: 'P4 Low',
};

// Rows: impact 1..3, columns: urgency 1..3.
const MATRIX: readonly (readonly Priority[])[] = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P4'],
];

export function priorityFrom(impact: Level, urgency: Level): Priority {
  const row = MATRIX[impact - 1];
  const priority = row?.[urgency - 1];
  if (!priority) throw new RangeError(`impact ${impact} and urgency ${urgency} must each be 1, 2 or 3`);
  return priority;
}

const LEVELS: readonly Level[] = [1, 2, 3];

/**
 * Priority is derived (impact × urgency) and the server refuses a ticket whose priority does not match its levels
 * (`priorityProblem`). Choosing a priority therefore chooses levels: the pair giving that priority nearest to the
 * current one, moving urgency before impact, so "make it P1" changes as little as possible.
 */
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

/** One priority step up (P1 stays P1), with the levels `levelsFor` picks for it: the SLA escalation's raise. */
export function raisePriority(impact: Level, urgency: Level): { impact: Level; urgency: Level; priority: Priority } {
  const current = PRIORITIES.indexOf(priorityFrom(impact, urgency));
  const priority = PRIORITIES[Math.max(0, current - 1)] as Priority;
  return { ...levelsFor(impact, urgency, priority), priority };
}

/** Why a ticket's priority is refused, in the server's words; null when it is the one its levels give. */
export function priorityProblem(ticket: { impact: Level; urgency: Level; priority: Priority }): string | null {
  const expected = priorityFrom(ticket.impact, ticket.urgency);
  return ticket.priority === expected
    ? null
    : `priority: must be ${expected} for impact ${ticket.impact} and urgency ${ticket.urgency}`;
}
