import { sameJson } from '../../../shared/canonical';
import { LEVEL_LABELS } from '../../../shared/domain/priority';
import { SERVER_OWNED_TICKET_FIELDS } from '../../../shared/domain/ticket';
import { LOCAL_FIELDS } from '../../../shared/rxdb/schemas';

/** Readable text for a value in the sync panel. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reference fields hold ids; the panel shows them by the names the user picked them by. */
const FIELD_NAMES: Record<string, string> = {
  assigneeId: 'assignee',
  queueId: 'queue',
  requesterId: 'requester',
  catalogItemId: 'catalog item',
  formData: 'form',
};

/** What the panel calls a ticket field: `assigneeId` → assignee, `formData.model` → model. */
export function fieldName(field: string): string {
  return field.startsWith('formData.') ? field.slice('formData.'.length) : (FIELD_NAMES[field] ?? field);
}

/** Names of people and queues by id, from the replica's reference data. */
export interface Names {
  user(id: string): string | undefined;
  queue(id: string): string | undefined;
}

/** A field's value as the user knows it: people and queues by name, no assignee as "Unassigned", levels in words. */
export function showField(field: string, value: unknown, names: Names): string {
  if (field === 'assigneeId' && value === '') return 'Unassigned';
  if ((field === 'impact' || field === 'urgency') && (value === 1 || value === 2 || value === 3))
    return LEVEL_LABELS[value];
  if (typeof value === 'string') {
    const named =
      field === 'queueId'
        ? names.queue(value)
        : field === 'assigneeId' || field === 'requesterId'
          ? names.user(value)
          : undefined;
    if (named) return named;
  }
  return showValue(value);
}

/** Not the user's change: the id, what the server computes, and the replica's own sort keys. */
const SKIP = new Set<string>(['id', ...SERVER_OWNED_TICKET_FIELDS, ...Object.keys(LOCAL_FIELDS.tickets)]);
/** The fields of a refused document that differ from the server's state (or all editable ones of a refused create). */
export function changedFields(local: object, master: unknown): string[] {
  const l = local as Record<string, unknown>;
  const m = (master && typeof master === 'object' ? master : {}) as Record<string, unknown>;
  return Object.keys(l).filter((k) => !SKIP.has(k) && !k.startsWith('_') && !sameJson(l[k], m[k]));
}

/** A refused change in words: "queue → Network; assignee → Tom Berger" ('' when no field differs). */
export function refusedChangeText(record: { local: object; master: unknown }, names: Names): string {
  const local = record.local as Record<string, unknown>;
  return changedFields(record.local, record.master)
    .map((f) => `${fieldName(f)} → ${showField(f, local[f], names)}`)
    .join('; ');
}

/** Applies the user's text edits to a refused document: arrays split on spaces or commas, numbers stay numbers. */
export function applyEdits<D extends object>(doc: D, edits: Record<string, string>): D {
  const copy = { ...doc } as Record<string, unknown>;
  for (const [k, text] of Object.entries(edits)) {
    const before = copy[k];
    copy[k] = Array.isArray(before)
      ? text.split(/[\s,]+/).filter(Boolean)
      : typeof before === 'number'
        ? Number(text)
        : text;
  }
  return copy as D;
}
