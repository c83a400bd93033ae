import { z } from 'zod';
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

/** Bumped when a collection's schema changes; the store supplies a migration strategy for each version. */
export const SCHEMA_VERSIONS: { [C in SyncCollection]: number } = {
  tickets: 0,
  comments: 0,
  queues: 0,
  users: 0,
  sla_policies: 0,
  calendars: 0,
  catalog: 0,
};

export const INDEXES: { [C in SyncCollection]: string[][] } = {
  tickets: [['slaDueAt'], ['queueId', 'slaDueAt'], ['assigneeId', 'slaDueAt'], ['priority', 'slaDueAt'], ['updatedAt']],
  comments: [['ticketId', 'createdAt']],
  queues: [],
  users: [],
  sla_policies: [],
  calendars: [],
  catalog: [],
};

/** Instants are ISO strings of at most this length once normalised to UTC (`2026-11-25T12:00:00.000Z` is 24). */
const INSTANT_MAX_LENGTH = 40;

function deriveSchema(collection: SyncCollection): RxSchemaLike {
  const json = z.toJSONSchema(DOC_SCHEMAS[collection], {
    target: 'draft-07',
    io: 'output',
  }) as { properties: Record<string, JsonSchema>; required?: string[] };
  const properties = structuredClone(json.properties);
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
    required: json.required ?? [],
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
};
