/**
 * A catalog item's form as the requester fills it in, and turning it into the intake body. Validation uses the
 * shared schemas (`IntakeRequestSchema`, `formSchemaFor`), so the portal and the server name the same problems with
 * the same words and the same field paths.
 */
import type { CatalogField, FormData, FormValue } from '../../../shared/domain/catalog';
import { formSchemaFor } from '../../../shared/domain/catalog';
import type { IntakeRequest } from '../../../shared/server-api/intake';
import { IntakeRequestSchema, missingRequiredFields } from '../../../shared/server-api/intake';
import type { PortalCatalogItem } from '../../../shared/server-api/portal';
import { fieldMessages } from './api';

/** Text-like inputs keep strings (empty = not filled in); checkboxes booleans; numbers a number or ''. */
export type FieldValue = string | number | boolean;

export function initialValues(fields: readonly CatalogField[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((field) => [field.key, field.kind === 'checkbox' ? false : '']));
}

export function toFormData(fields: readonly CatalogField[], values: Record<string, FieldValue>): FormData {
  const data: FormData = {};
  for (const field of fields) {
    const value = values[field.key];
    if (value === undefined || value === '') continue;
    if (field.kind === 'checkbox' && value === false && !field.required) continue;
    data[field.key] = value as FormValue;
  }
  return data;
}

export interface Draft {
  title: string;
  description: string;
  values: Record<string, FieldValue>;
}

export function intakeBody(item: PortalCatalogItem, draft: Draft, idempotencyKey: string): IntakeRequest {
  const title = draft.title.trim();
  return {
    catalogItemId: item.id,
    ...(title === '' ? {} : { title }),
    description: draft.description,
    formData: toFormData(item.fields, draft.values),
    idempotencyKey,
  };
}

/** Field path → message for everything the shared schemas refuse; empty when the request can be sent. */
export function validateDraft(item: PortalCatalogItem, body: IntakeRequest): Record<string, string> {
  const issues: { path: PropertyKey[]; message: string }[] = [
    ...missingRequiredFields(item.fields, body.formData ?? {}),
  ];
  const request = IntakeRequestSchema.safeParse(body);
  if (!request.success) issues.push(...request.error.issues);
  const form = formSchemaFor(item).safeParse(body.formData ?? {});
  if (!form.success)
    issues.push(...form.error.issues.map((issue) => ({ ...issue, path: ['formData', ...issue.path] })));
  return fieldMessages(issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })));
}

/** The DOM id of a field's input, so an error summary can link to it and focus can move there. */
export const inputId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
