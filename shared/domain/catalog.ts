import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from './common';
import { LevelSchema } from './priority';
import { TicketTypeSchema } from './ticket-type';

export const FIELD_KINDS = ['text', 'textarea', 'number', 'select', 'date', 'checkbox'] as const;

export const CatalogFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'must be a short identifier such as deliveryDate'),
  label: nonBlank(80),
  kind: z.enum(FIELD_KINDS),
  required: z.boolean(),
  help: z.string().max(200, 'must be at most 200 characters').optional(),
  /** For `select`: the choices. */
  options: z.array(nonBlank(80)).max(50, 'must list at most 50 options').optional(),
  /** For `text` and `textarea`. */
  maxLength: z.number().int().min(1).max(10_000).optional(),
  /** For `number`. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type CatalogField = z.infer<typeof CatalogFieldSchema>;

/** A request requesters can make from the portal ("New laptop"), with its form and routing defaults. */
export const ServiceCatalogItemSchema = z.object({
  id: IdSchema,
  name: nonBlank(80),
  description: z.string().max(1000, 'must be at most 1000 characters'),
  category: nonBlank(80),
  ticketType: TicketTypeSchema,
  defaultQueueId: IdSchema,
  impact: LevelSchema,
  urgency: LevelSchema,
  fields: z.array(CatalogFieldSchema).max(30, 'must list at most 30 fields'),
  active: z.boolean(),
  updatedAt: InstantSchema,
});
export type ServiceCatalogItem = z.infer<typeof ServiceCatalogItemSchema>;

export const FormValueSchema = z.union([z.string().max(10_000), z.number(), z.boolean()]);
export type FormValue = z.infer<typeof FormValueSchema>;
export const FormDataSchema = z.record(z.string().max(40), FormValueSchema);
export type FormData = z.infer<typeof FormDataSchema>;

function fieldSchema(field: CatalogField): z.ZodType<FormValue | undefined> {
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      const max = field.maxLength ?? (field.kind === 'text' ? 200 : 5000);
      const text = z.string().trim().max(max, `must be at most ${max} characters`);
      return field.required ? text.min(1, 'is required') : text.optional();
    }
    case 'number': {
      let num = z.number({ message: 'must be a number' });
      if (field.min !== undefined) num = num.min(field.min, `must be at least ${field.min}`);
      if (field.max !== undefined) num = num.max(field.max, `must be at most ${field.max}`);
      return field.required ? num : num.optional();
    }
    case 'select': {
      const options = field.options ?? [];
      const choice = z
        .string()
        .refine((v) => options.includes(v), { message: `must be one of: ${options.join(', ')}` });
      return field.required ? choice : choice.optional();
    }
    case 'date': {
      const date = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
      return field.required ? date : date.optional();
    }
    case 'checkbox': {
      const check = z.boolean();
      return field.required ? check.refine((v) => v, { message: 'must be checked' }) : check.optional();
    }
  }
}

/** The schema of a catalog item's form: one entry per field, unknown keys refused, errors named by field key. */
export function formSchemaFor(item: Pick<ServiceCatalogItem, 'fields'>) {
  const shape: Record<string, z.ZodType<FormValue | undefined>> = {};
  for (const field of item.fields) shape[field.key] = fieldSchema(field);
  return z.strictObject(shape);
}
