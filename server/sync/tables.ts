import type { SyncCollection } from '../../shared/sync/protocol';

/**
 * The table behind each replicated collection. SQL that names a table takes it from here — a fixed list of our own
 * identifiers — never from a request.
 */
export const TABLES: { readonly [C in SyncCollection]: string } = {
  tickets: 'tickets',
  comments: 'comments',
  queues: 'queues',
  users: 'users',
  sla_policies: 'sla_policies',
  calendars: 'calendars',
  catalog: 'catalog',
  presets: 'presets',
};

/** Collections stored as plain (id, doc, seq, deleted) rows. */
export const REFERENCE_COLLECTIONS = ['queues', 'sla_policies', 'calendars', 'catalog'] as const;
export type ReferenceCollection = (typeof REFERENCE_COLLECTIONS)[number];
