import { z } from 'zod';

/** GET /api/health (no auth) → HealthResponse; 503 with the same shape while the database is unreachable. */
export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  engine: z.enum(['postgres', 'pglite']),
  seq: z.number().int().nullable(),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
