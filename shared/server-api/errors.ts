import { z } from 'zod';

/** Every 4xx/5xx body of the sync server: a readable message naming the fields, and optional structured detail. */
export const ErrorBodySchema = z.object({ error: z.string(), details: z.unknown().optional() });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
