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
