import { z } from 'zod';
import { type CatalogField, FormDataSchema } from '../domain/catalog';
import { IdSchema, InstantSchema, nonBlank } from '../domain/common';
import { StatusSchema } from '../domain/lifecycle';
import { PrioritySchema } from '../domain/priority';

/**
 * The intake API: how requests become tickets.
 *
 * POST /api/requests  body IntakeRequest → 201 IntakeResponse (a replay of the same idempotency key: 200, same body)
 *
 * Authenticated as a requester (`Authorization: Bearer <session token>`) or as an integration (`X-Api-Key: <key>`,
 * which must name the requester in `requesterEmail`). `formData` is checked against the catalog item's form
 * (`formSchemaFor`). Attachments are not supported; bodies over INTAKE_BODY_LIMIT bytes are refused (413).
 * Errors: 400 naming each field (details.issues[].path), 401, 403, 409 (idempotency key reused for a different
 * request), 413, 429 (too many requests; Retry-After).
 */
export const INTAKE_BODY_LIMIT = 64 * 1024;
export const API_KEY_HEADER = 'x-api-key';

export const IdempotencyKeySchema = z
  .string({ message: 'is required' })
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8 to 128 letters, digits or . _ : -');

export const IntakeRequestSchema = z.strictObject({
  catalogItemId: IdSchema,
  /** Defaults to the catalog item's name and the requester's. */
  title: nonBlank(200).optional(),
  description: z.string().trim().max(10_000, 'must be at most 10000 characters').default(''),
  formData: FormDataSchema.default({}),
  idempotencyKey: IdempotencyKeySchema,
  /** Integrations: the requester the ticket is for. Requesters may leave it out (or give their own). */
  requesterEmail: z.email({ message: 'must be an email address' }).max(254).optional(),
});
export type IntakeRequest = z.input<typeof IntakeRequestSchema>;

export const IntakeTicketSchema = z.object({
  id: IdSchema,
  number: z.number().int(),
  /** The human key, e.g. REQ-1042. */
  label: z.string(),
  title: z.string(),
  status: StatusSchema,
  priority: PrioritySchema,
  queueName: z.string(),
  createdAt: InstantSchema,
});
export type IntakeTicket = z.infer<typeof IntakeTicketSchema>;

export const IntakeResponseSchema = z.object({ ticket: IntakeTicketSchema });
export type IntakeResponse = z.infer<typeof IntakeResponseSchema>;

/**
 * Required fields left empty, each as `formData.<key>: is required` — clearer than the format message the field's
 * schema gives for a missing value ("must be a date as YYYY-MM-DD"). Checkboxes are left to their own rule.
 */
export function missingRequiredFields(
  fields: readonly CatalogField[],
  formData: Readonly<Record<string, unknown>>,
): { path: string[]; message: string }[] {
  return fields
    .filter((field) => field.required && field.kind !== 'checkbox')
    .filter((field) => {
      const value = formData[field.key];
      return value === undefined || (typeof value === 'string' && value.trim() === '');
    })
    .map((field) => ({ path: ['formData', field.key], message: 'is required' }));
}
