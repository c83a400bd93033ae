import { z } from 'zod';
import { BusinessCalendarSchema } from '../domain/calendar';
import { ServiceCatalogItemSchema } from '../domain/catalog';
import { IdSchema, InstantSchema, nonBlank } from '../domain/common';
import { QueueSchema } from '../domain/queue';
import { SlaPolicySchema } from '../domain/sla-policy';
import { UserSchema } from '../domain/user';
import { RoutingRuleSchema } from './routing';

/**
 * The admin API (admins only: 403 with the reason for other roles, 401 for API keys). Every write is validated,
 * audited and, for replicated collections, reaches workstations through the change sequence like any other change.
 *
 * GET    /api/admin/<resource>          → { items: [...] }
 * GET    /api/admin/<resource>/:id      → the item
 * POST   /api/admin/<resource>          body <Resource>Input (optional id)  → 201 the item (409 if the id exists)
 * PUT    /api/admin/<resource>/:id      body <Resource>Input                → the item (404 if missing); users:
 *                                                                          UserUpdated (+ unassignedTickets)
 * DELETE /api/admin/<resource>/:id      → 204 (409 naming what still uses it)
 * resources: users (no DELETE: set active false), queues, sla-policies, calendars, catalog, routing-rules, api-keys
 * PUT    /api/admin/sla-policies/:id/actions  body SlaPolicyActions → SlaPolicyActions
 * Server-set fields (`updatedAt`) are ignored in bodies; users' password hashes are never returned.
 */
/** Creating: the id may be given (readable ids such as q-network) or left to the server. */
const optionalId = { id: IdSchema.optional() };

export const QueueInputSchema = QueueSchema.omit({ updatedAt: true }).extend(optionalId);
export type QueueInput = z.input<typeof QueueInputSchema>;
export const SlaPolicyInputSchema = SlaPolicySchema.omit({ updatedAt: true }).extend(optionalId);
export type SlaPolicyInput = z.input<typeof SlaPolicyInputSchema>;
export const CalendarInputSchema = BusinessCalendarSchema.omit({ updatedAt: true }).extend(optionalId);
export type CalendarInput = z.input<typeof CalendarInputSchema>;
export const CatalogItemInputSchema = ServiceCatalogItemSchema.omit({ updatedAt: true }).extend(optionalId);
export type CatalogItemInput = z.input<typeof CatalogItemInputSchema>;
export const RoutingRuleInputSchema = RoutingRuleSchema.omit({ updatedAt: true }).extend(optionalId);
export type RoutingRuleInput = z.input<typeof RoutingRuleInputSchema>;

export const PasswordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(1024, 'must be at most 1024 characters');

/** A new user needs a password; an update may set a new one. */
export const UserInputSchema = UserSchema.omit({ updatedAt: true }).extend({
  ...optionalId,
  password: PasswordSchema.optional(),
});
export type UserInput = z.input<typeof UserInputSchema>;

/**
 * PUT /api/admin/users/:id answers the user and how many of their active tickets the change unassigned: those in
 * queues it took from them (removed, deactivated, or a role that holds no tickets; shared/domain/assignment.ts).
 */
export type UserUpdated = z.infer<typeof UserSchema> & { unassignedTickets: number };

/** Escalation actions of an SLA policy, kept on the server beside the replicated policy. */
export const SlaPolicyActionsSchema = z.strictObject({
  /** When a clock's breach (the 100% threshold) is first recorded, urgency goes up one level (then impact). */
  raisePriorityOnBreach: z.boolean(),
});
export type SlaPolicyActions = z.infer<typeof SlaPolicyActionsSchema>;

/**
 * The working set workstations replicate: active tickets, and done ones until `days` after they were resolved
 * (0: every ticket, the whole history). Older tickets are read on demand.
 */
export const WorkingSetInputSchema = z.strictObject({ days: z.number().int().min(0).max(3650) });
export type WorkingSetInput = z.infer<typeof WorkingSetInputSchema>;
/** GET/PUT /api/admin/working-set: the setting, and how far it has taken effect (null: the whole history). */
export type WorkingSetAnswer = WorkingSetInput & { cutoff: string | null };

export const ON_BEHALF_OF_HINT = "'*' (any requester), '@domain.example' (that email domain) or one email address";
export const OnBehalfOfSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(254)
  .refine((rule) => rule === '*' || /^@[^\s@]+\.[^\s@]+$/.test(rule) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(rule), {
    message: `must be ${ON_BEHALF_OF_HINT}`,
  });

export const ApiKeyInputSchema = z.strictObject({
  id: IdSchema.optional(),
  name: nonBlank(80),
  onBehalfOf: OnBehalfOfSchema,
});
export type ApiKeyInput = z.input<typeof ApiKeyInputSchema>;

/** An API key as listed: never the key itself. */
export const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string(),
  onBehalfOf: z.string(),
  createdAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** POST /api/admin/api-keys answers with the key once; only its hash is stored. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;
