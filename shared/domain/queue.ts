import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from './common';

export const QueueSchema = z.object({
  id: IdSchema,
  name: nonBlank(80),
  description: z.string().max(500, 'must be at most 500 characters'),
  /** The SLA policy new tickets in this queue get unless a policy names the queue more specifically. */
  defaultSlaPolicyId: IdSchema,
  updatedAt: InstantSchema,
});
export type Queue = z.infer<typeof QueueSchema>;
