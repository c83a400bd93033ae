import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from '../domain/common';
import { LevelSchema } from '../domain/priority';

/**
 * Routing rules (admin-managed, server-only): ordered by `position` (then id); the first active rule whose
 * conditions all hold decides the new ticket's queue, impact/urgency and auto-assignment. An empty condition list
 * places no restriction, so a rule without conditions is a catch-all.
 */
export const ASSIGNMENT_STRATEGIES = ['none', 'round_robin', 'least_load'] as const;
export const AssignmentStrategySchema = z.enum(ASSIGNMENT_STRATEGIES);
export type AssignmentStrategy = z.infer<typeof AssignmentStrategySchema>;

export const RoutingConditionsSchema = z.strictObject({
  /** Any of these catalog items. */
  catalogItemIds: z.array(IdSchema).max(100, 'must list at most 100 items').default([]),
  /** Any of these requester departments (compared without regard to case). */
  departments: z.array(nonBlank(120)).max(100, 'must list at most 100 departments').default([]),
  /** Any of these words or phrases in the title or description (without regard to case, whole words). */
  keywords: z.array(nonBlank(60)).max(100, 'must list at most 100 keywords').default([]),
});
export type RoutingConditions = z.infer<typeof RoutingConditionsSchema>;

export const RoutingActionsSchema = z
  .strictObject({
    queueId: IdSchema.optional(),
    /** Impact and urgency together set the priority (ITIL matrix); give both or neither. */
    impact: LevelSchema.optional(),
    urgency: LevelSchema.optional(),
    assignment: AssignmentStrategySchema.default('none'),
  })
  .refine((a) => (a.impact === undefined) === (a.urgency === undefined), {
    message: 'impact and urgency must be given together',
    path: ['urgency'],
  });
export type RoutingActions = z.infer<typeof RoutingActionsSchema>;

export const RoutingRuleSchema = z.object({
  id: IdSchema,
  name: nonBlank(80),
  position: z.number().int('must be a whole number').min(0).max(1_000_000),
  active: z.boolean(),
  conditions: RoutingConditionsSchema,
  actions: RoutingActionsSchema,
  updatedAt: InstantSchema,
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
