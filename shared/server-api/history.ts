import { z } from 'zod';
import { AuditEventSchema } from '../domain/audit';

/**
 * GET /api/tickets/:id/history (supervisors of the ticket's queue, admins) → HistoryResponse: every change of the
 * ticket and every comment on it, oldest first, with who, when, from which device, and old/new field values.
 */
export const HistoryResponseSchema = z.object({ ticketId: z.string(), events: z.array(AuditEventSchema) });
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;
