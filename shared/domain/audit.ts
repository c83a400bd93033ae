import { z } from 'zod';
import { IdSchema, InstantSchema } from './common';

export const AUDIT_ENTITIES = [
  'ticket',
  'comment',
  'user',
  'queue',
  'sla_policy',
  'calendar',
  'catalog',
  'routing_rule',
  'api_key',
  'preset',
  'setting',
] as const;

export const FieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** The actor of the changes the server's SLA scheduler makes on its own (escalations, breaches, raised priorities). */
export const SLA_ACTOR = 'system:sla';

/** Who changed what, when, from which device; written by the server in the same transaction as the change. */
export const AuditEventSchema = z.object({
  id: IdSchema,
  entity: z.enum(AUDIT_ENTITIES),
  entityId: IdSchema,
  action: z.enum(['create', 'update', 'delete', 'comment', 'escalate', 'breach']),
  actorId: z.string(),
  deviceId: z.string().max(64),
  at: InstantSchema,
  changes: z.array(FieldChangeSchema),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
