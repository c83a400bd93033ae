import { type FormData, formSchemaFor, type ServiceCatalogItem } from '../../../shared/domain/catalog';
import { TicketSchema } from '../../../shared/domain/ticket';

/**
 * The create form's problems, from the shared schemas: one per field, keyed as the form shows them (`title`,
 * `form.neededBy`), each a sentence naming its field ("Title is required") so a person can tell what to fix.
 */
export interface FieldError {
  label: string;
  text: string;
}
export type DraftErrors = Record<string, FieldError>;

const TICKET_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  requesterId: 'Requester',
  queueId: 'Queue',
  type: 'Type',
  category: 'Category',
};

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

function byField(issues: Issue[], label: (key: string) => string, given: (key: string) => unknown): DraftErrors {
  const out: DraftErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    // An empty field reads as a wrong type to zod ("expected string, received undefined"): to a person it is missing.
    const empty = given(key) === undefined || given(key) === '';
    const message = empty && issue.code === 'invalid_type' ? 'is required' : issue.message;
    out[key] ??= { label: label(key), text: `${label(key)} ${message}` };
  }
  return out;
}

export function draftErrors(
  draft: Record<string, unknown>,
  item: ServiceCatalogItem | null,
  form: FormData,
): DraftErrors {
  const found: DraftErrors = {};
  const ticket = TicketSchema.safeParse(draft);
  if (!ticket.success) {
    Object.assign(
      found,
      byField(
        ticket.error.issues,
        (k) => TICKET_LABELS[k] ?? k,
        (k) => draft[k],
      ),
    );
    // The requester is chosen from a list, not typed.
    if (found.requesterId) found.requesterId = { label: 'Requester', text: 'Requester: choose who asked for this' };
  }
  if (item) {
    const fields = formSchemaFor(item).safeParse(form);
    if (!fields.success) {
      const label = (k: string) => item.fields.find((f) => f.key === k)?.label ?? k;
      for (const [k, v] of Object.entries(byField(fields.error.issues, label, (key) => form[key])))
        found[`form.${k}`] = v;
    }
  }
  return found;
}

/** "Title, Requester and Model": the fields to fix, in the form's order of checking. */
export function namesOf(errors: DraftErrors): string {
  const names = Object.values(errors).map((e) => e.label);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}
