import { z } from 'zod';
import { isActiveStatus } from '../domain/lifecycle';
import { NO_DUE, type Ticket } from '../domain/ticket';
import { DOC_SCHEMAS, type SyncCollection } from '../sync/protocol';

/**
 * RxDB JSON schemas for the local replica, derived from the zod schemas so the two can never disagree about a
 * document's shape. RxDB needs a little more than the zod schema says: a primary key, a version, and bounds on
 * indexed fields (maxLength on strings; minimum, maximum and multipleOf on numbers).
 *
 * Indexes serve the queue's ascending, limited queries (see ARCHITECTURE.md: descending sorts scan the whole range).
 * RxDB appends the primary key to every index, which makes each sort order total.
 */

type JsonSchema = { type?: string | string[]; maxLength?: number; multipleOf?: number; [key: string]: unknown };

export interface RxSchemaLike {
  title: string;
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonSchema>;
  required: string[];
  indexes: string[][];
}

/**
 * Bumped when a collection's schema changes; the store supplies a migration strategy for each version (a test fails
 * when one is missing), so an upgrade converts the replica instead of wiping it.
 * tickets v1: added the local sort keys below. v2: added `openKey`; the queue indexes use it instead of slaDueAt.
 * v3: added `slaWarnAt` (server-owned) and the local `warnKey` with its index ("breaching soon").
 */
export const SCHEMA_VERSIONS: { [C in SyncCollection]: number } = {
  tickets: 3,
  comments: 0,
  queues: 0,
  users: 0,
  sla_policies: 0,
  calendars: 0,
  catalog: 0,
  presets: 0,
};

/**
 * Queue queries and the index each uses (all ascending, limited, paged; an equality prefix, then a range on the sort
 * key, so both the page and the count come from the index alone):
 * - all / by queue / by assignee / unassigned of a queue / a requester's other tickets, most urgent first, open or
 *   breached or breaching soon: `openKey` (see below), after the equality fields;
 * - by priority, then most urgent: priority + openKey;
 * - breaching soon (a running clock in warning): `warnKey` up to now, less the breached (see `warnKeyOf`);
 * - most recently updated first: `updatedSort` ascending (a descending sort on updatedAt scans the whole range);
 * - the command palette's lookup by ticket number: `numberKey`.
 * Presets (saved views): one kind, in sidebar order (oldest first).
 */
export const INDEXES: { [C in SyncCollection]: string[][] } = {
  tickets: [
    ['openKey'],
    ['queueId', 'openKey'],
    ['assigneeId', 'openKey'],
    ['queueId', 'assigneeId', 'openKey'],
    ['priority', 'openKey'],
    ['requesterId', 'openKey'],
    ['warnKey'],
    ['updatedSort'],
    ['numberKey'],
  ],
  comments: [['ticketId', 'createdAt']],
  queues: [],
  users: [],
  sla_policies: [],
  calendars: [],
  catalog: [],
  presets: [['kind', 'createdAt']],
};

/**
 * `openKey` orders a queue by urgency in three bands, so "open" is a range on one index field:
 * - an active ticket (new, open, pending, on hold) whose SLA clock runs: its `slaDueAt` (earliest running deadline);
 * - an active ticket without a running clock (paused while waiting, or no target): OPEN_NO_CLOCK;
 * - resolved and closed: NO_DUE.
 * So `openKey < NO_DUE` is "not resolved" (paused tickets included), `openKey < OPEN_NO_CLOCK` is "clock running",
 * and `openKey < now` is "breached".
 */
export const OPEN_NO_CLOCK = NO_DUE - 1;

export function openKeyOf(ticket: Partial<Pick<Ticket, 'status' | 'slaDueAt'>>): number {
  if (!ticket.status || !isActiveStatus(ticket.status)) return NO_DUE;
  const due = ticket.slaDueAt ?? NO_DUE;
  return Math.min(due, OPEN_NO_CLOCK);
}

/**
 * `warnKey` is the earliest warning instant of an open ticket's running clocks (`slaWarnAt`), else NO_DUE. It is never
 * after `openKey`, so `warnKey <= now` holds every open ticket in warning or breached, and `warnKey <= now < openKey`
 * exactly those in warning (shared/sla/status.ts): "breaching soon" walks the first range and leaves out the breached.
 */
export function warnKeyOf(ticket: Partial<Pick<Ticket, 'status' | 'slaDueAt' | 'slaWarnAt'>>): number {
  const open = openKeyOf(ticket);
  if (open >= OPEN_NO_CLOCK) return NO_DUE;
  return Math.min(ticket.slaWarnAt ?? open, open);
}

/**
 * Local-only derived fields: sort keys the server neither stores nor sends. The replica adds them to every ticket it
 * stores (pulled, merged or written locally) with `withLocalFields` and strips them before a push, so the protocol
 * and the server's conflict check never see them. They derive only from server-owned fields.
 */
export const LOCAL_FIELDS = {
  tickets: {
    /** NO_DUE − updatedAt in ms: ascending order is most recently updated first. */
    updatedSort: { type: 'integer', minimum: 0, maximum: NO_DUE, multipleOf: 1 },
    /** The ticket number, or 0 while the server has not assigned one (an index cannot hold null). */
    numberKey: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 },
    /** The queue's urgency order with open work first (see `openKeyOf`). */
    openKey: { type: 'integer', minimum: 0, maximum: NO_DUE, multipleOf: 1 },
    /** When an open ticket's running clock warns (see `warnKeyOf`). */
    warnKey: { type: 'integer', minimum: 0, maximum: NO_DUE, multipleOf: 1 },
  },
} as const satisfies { [C in SyncCollection]?: Record<string, JsonSchema> };

export interface TicketLocalFields {
  updatedSort: number;
  numberKey: number;
  openKey: number;
  warnKey: number;
}
export type LocalTicket = Ticket & TicketLocalFields;

export function ticketLocalFields(
  ticket: Pick<Ticket, 'updatedAt' | 'number'> & Partial<Pick<Ticket, 'status' | 'slaDueAt' | 'slaWarnAt'>>,
): TicketLocalFields {
  const updatedMs = Date.parse(ticket.updatedAt);
  return {
    updatedSort: Number.isFinite(updatedMs) ? Math.min(NO_DUE, Math.max(0, NO_DUE - updatedMs)) : NO_DUE,
    numberKey: ticket.number ?? 0,
    openKey: openKeyOf(ticket),
    warnKey: warnKeyOf(ticket),
  };
}

/** A ticket as the replica stores it. */
export function toLocalTicket(ticket: Ticket): LocalTicket {
  return { ...ticket, ...ticketLocalFields(ticket) };
}

const LOCAL_FIELD_NAMES: { [C in SyncCollection]: readonly string[] } = {
  tickets: Object.keys(LOCAL_FIELDS.tickets),
  comments: [],
  queues: [],
  users: [],
  sla_policies: [],
  calendars: [],
  catalog: [],
  presets: [],
};

/** The document as the replica stores it: with the local sort keys of its collection. */
export function withLocalFields<D extends object>(collection: SyncCollection, doc: D): D {
  if (collection !== 'tickets') return doc;
  const ticket = doc as D & Partial<Ticket>;
  // A tombstone may carry only an id: it keeps whatever it has and sorts last.
  if (typeof ticket.updatedAt !== 'string')
    return { ...doc, updatedSort: NO_DUE, numberKey: 0, openKey: NO_DUE, warnKey: NO_DUE };
  return {
    ...doc,
    ...ticketLocalFields({
      updatedAt: ticket.updatedAt,
      number: ticket.number ?? null,
      status: ticket.status,
      slaDueAt: ticket.slaDueAt,
      slaWarnAt: ticket.slaWarnAt,
    }),
  };
}

/** The document as the protocol carries it: without local fields. */
export function withoutLocalFields<D extends object>(collection: SyncCollection, doc: D): D {
  const names = LOCAL_FIELD_NAMES[collection];
  if (names.length === 0) return doc;
  const copy = { ...doc } as Record<string, unknown>;
  for (const name of names) delete copy[name];
  return copy as D;
}

/** Instants are ISO strings of at most this length once normalised to UTC (`2026-11-25T12:00:00.000Z` is 24). */
const INSTANT_MAX_LENGTH = 40;

function deriveSchema(collection: SyncCollection): RxSchemaLike {
  const json = z.toJSONSchema(DOC_SCHEMAS[collection], {
    target: 'draft-07',
    io: 'output',
  }) as { properties: Record<string, JsonSchema>; required?: string[] };
  const local: Record<string, JsonSchema> = collection === 'tickets' ? LOCAL_FIELDS.tickets : {};
  const properties = { ...structuredClone(json.properties), ...structuredClone(local) };
  const indexed = new Set<string>(INDEXES[collection].flat());
  indexed.add('id');
  for (const field of indexed) {
    const prop = properties[field];
    if (!prop) throw new Error(`index field ${collection}.${field} is not in the schema`);
    if (prop.type === 'string' && prop.maxLength === undefined) prop.maxLength = INSTANT_MAX_LENGTH;
    if (prop.type === 'integer' || prop.type === 'number') prop.multipleOf ??= 1;
  }
  return {
    title: collection,
    version: SCHEMA_VERSIONS[collection],
    primaryKey: 'id',
    type: 'object',
    properties,
    required: [...(json.required ?? []), ...Object.keys(local)],
    indexes: INDEXES[collection],
  };
}

export const RX_SCHEMAS: { [C in SyncCollection]: RxSchemaLike } = {
  tickets: deriveSchema('tickets'),
  comments: deriveSchema('comments'),
  queues: deriveSchema('queues'),
  users: deriveSchema('users'),
  sla_policies: deriveSchema('sla_policies'),
  calendars: deriveSchema('calendars'),
  catalog: deriveSchema('catalog'),
  presets: deriveSchema('presets'),
};
