import type { ServiceCatalogItem } from '../../../shared/domain/catalog';
import { type Ticket, TicketSchema } from '../../../shared/domain/ticket';
import { TICKET_TYPE_LABELS, TICKET_TYPE_PREFIX, TICKET_TYPES } from '../../../shared/domain/ticket-type';
import type { User } from '../../../shared/domain/user';
import type { KeyAction } from '../../../shared/keymap';
import { err, ok, type Result } from '../../../shared/result';
import type { TicketPatch } from '../rx/store-api';
import type { PickerOption } from './OptionPicker';

/**
 * What the detail pane's inline editors offer and write: the options of each picker, the patch a choice becomes, and
 * the shared schema's verdict on typed text (named for the person, the text kept when refused).
 */
export type EditableField = 'title' | 'description' | 'type' | 'category' | 'requester';

export const EDIT_KEYS: Record<EditableField, KeyAction> = {
  title: 'ticket.editTitle',
  description: 'ticket.editDescription',
  type: 'ticket.type',
  category: 'ticket.category',
  requester: 'ticket.requester',
};

/**
 * The store's edit patch plus the two client fields TicketPatch does not name: its write path (applyPatch, then
 * clientFields) takes every client field the same way, and the server checks both references.
 */
export type FieldPatch = TicketPatch & Partial<Pick<Ticket, 'requesterId' | 'catalogItemId'>>;

const TEXT_LABELS = { title: 'Title', description: 'Description' } as const;

/** Title or description as the shared schema takes it, or why not ("Title is required"). */
export function checkText(field: 'title' | 'description', text: string): Result<string> {
  const parsed = TicketSchema.shape[field].safeParse(text);
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((i) => `${TEXT_LABELS[field]} ${i.message}`).join('; '));
}

export function typeOptions(): PickerOption[] {
  return TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t], hint: TICKET_TYPE_PREFIX[t] }));
}

const ITEM = 'item:';
const CATEGORY = 'category:';
export const NO_CATEGORY = 'none';

/**
 * Catalog items (active ones, and the ticket's own even if retired), then the catalog's categories on their own, then
 * "no category". The ticket's current category is offered even if no item has it.
 */
export function categoryOptions(
  catalog: readonly ServiceCatalogItem[],
  ticket: Pick<Ticket, 'catalogItemId' | 'category'>,
): PickerOption[] {
  const items = catalog
    .filter((c) => c.active || c.id === ticket.catalogItemId)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: `${ITEM}${c.id}`, label: c.name, hint: `catalog item · ${c.category}` }));
  const categories = [...new Set([...catalog.map((c) => c.category), ticket.category].filter(Boolean))]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ value: `${CATEGORY}${name}`, label: name, hint: 'category' }));
  return [...items, ...categories, { value: NO_CATEGORY, label: 'No category' }];
}

/** The option that stands for the ticket's current category or catalog item. */
export function currentCategory(ticket: Pick<Ticket, 'catalogItemId' | 'category'>): string {
  if (ticket.catalogItemId) return `${ITEM}${ticket.catalogItemId}`;
  return ticket.category ? `${CATEGORY}${ticket.category}` : NO_CATEGORY;
}

/** A category the person typed that no option has: offered as a choice of its own. */
export function typedCategory(query: string): PickerOption | null {
  const name = query.trim();
  if (!name) return null;
  return { value: `${CATEGORY}${name}`, label: `Use “${name}” as the category` };
}

/** A chosen category option as a patch: an item brings its category; a bare category leaves the catalog item. */
export function categoryPatch(value: string, catalog: readonly ServiceCatalogItem[]): Result<FieldPatch> {
  if (value === NO_CATEGORY) return ok({ catalogItemId: '', category: '' });
  if (value.startsWith(ITEM)) {
    const item = catalog.find((c) => `${ITEM}${c.id}` === value);
    return item ? ok({ catalogItemId: item.id, category: item.category }) : err('That catalog item is gone');
  }
  const parsed = TicketSchema.shape.category.safeParse(value.slice(CATEGORY.length));
  if (!parsed.success) return err(`Category ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return ok({ catalogItemId: '', category: parsed.data });
}

/** Anyone active can ask for help: requesters and staff, by name with their e-mail to tell namesakes apart. */
export function requesterOptions(users: readonly User[], currentId: string): PickerOption[] {
  return users
    .filter((u) => u.active || u.id === currentId)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: u.id, label: u.name, hint: u.email }));
}
