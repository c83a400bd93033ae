/**
 * Validating an intake request: the body's shape (IntakeRequestSchema), then the catalog item's own form
 * (`formSchemaFor`). Every problem is reported at once, each with the path of its field (`formData.neededBy`), so the
 * portal can show the requester exactly what to fix next to each field.
 */
import { z } from 'zod';
import { type FormData, formSchemaFor, type ServiceCatalogItem } from '../../shared/domain/catalog';
import { IntakeRequestSchema, missingRequiredFields } from '../../shared/server-api/intake';
import { badRequest, type HttpError, invalid } from '../http/errors';

export interface ValidIntake {
  item: ServiceCatalogItem;
  request: z.output<typeof IntakeRequestSchema>;
  formData: FormData;
}

export type IntakeParse = { ok: true; value: ValidIntake } | { ok: false; error: HttpError };

export function parseIntake(body: unknown, catalog: ReadonlyMap<string, ServiceCatalogItem>): IntakeParse {
  if (typeof body === 'object' && body !== null && 'attachments' in body) {
    return {
      ok: false,
      error: badRequest(
        'attachments: are not supported: describe the problem in text; an agent will ask for files if needed',
        { issues: [{ path: ['attachments'], message: 'are not supported' }] },
      ),
    };
  }
  const parsed = IntakeRequestSchema.safeParse(body);
  const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const itemId = parsed.success ? parsed.data.catalogItemId : raw.catalogItemId;
  const item = typeof itemId === 'string' ? catalog.get(itemId) : undefined;
  if (typeof itemId === 'string' && itemId !== '' && !issues.some((i) => i.path[0] === 'catalogItemId')) {
    if (!item) issues.push(custom(['catalogItemId'], `there is no catalog item ${itemId.slice(0, 64)}`));
    else if (!item.active) issues.push(custom(['catalogItemId'], `"${item.name}" is no longer offered`));
  }
  let formData: FormData = {};
  if (item?.active) {
    const values = parsed.success ? parsed.data.formData : (raw.formData ?? {});
    const form = formSchemaFor(item).safeParse(values);
    if (typeof values === 'object' && values !== null) {
      const named = new Set(issues.map((i) => i.path.join('.')));
      for (const missing of missingRequiredFields(item.fields, values as Record<string, unknown>)) {
        if (!named.has(missing.path.join('.'))) issues.push(custom(missing.path, missing.message));
      }
    }
    if (form.success) {
      // Optional fields left out stay out; `undefined` never reaches the stored document.
      formData = Object.fromEntries(Object.entries(form.data).filter(([, value]) => value !== undefined)) as FormData;
    } else {
      const already = new Set(issues.filter((i) => i.path[0] === 'formData').map((i) => i.path.join('.')));
      for (const issue of form.error.issues) {
        const path = ['formData', ...issue.path];
        if (!already.has(path.join('.'))) issues.push({ ...issue, path });
      }
    }
  }
  if (issues.length > 0 || !parsed.success || !item) {
    return { ok: false, error: invalid('request', new z.ZodError(issues)) };
  }
  return { ok: true, value: { item, request: parsed.data, formData } };
}

function custom(path: PropertyKey[], message: string): z.core.$ZodIssue {
  return { code: 'custom', path, message, input: undefined };
}
