import { z } from 'zod';
import { sameFields } from '../canonical';
import { type BusinessCalendar, BusinessCalendarSchema } from '../domain/calendar';
import { type ServiceCatalogItem, ServiceCatalogItemSchema } from '../domain/catalog';
import { type Comment, CommentSchema } from '../domain/comment';
import { type Preset, PresetSchema } from '../domain/preset';
import type { Priority } from '../domain/priority';
import { type Queue, QueueSchema } from '../domain/queue';
import { type SlaPolicy, SlaPolicySchema } from '../domain/sla-policy';
import { SERVER_OWNED_TICKET_FIELDS, type Ticket, TicketSchema } from '../domain/ticket';
import { type User, UserSchema } from '../domain/user';

/**
 * The replication protocol between a workstation's RxDB replica and the server.
 *
 * Pull:  GET  /api/sync/:collection/pull?checkpoint=<seq>[&from=<seq>]&limit=<n>  → PullResponse
 * Push:  POST /api/sync/:collection/push  body: PushRow[]             → PushResponse
 * Live:  GET  /api/sync/stream  (Server-Sent Events)                 → StreamEvent per `data:` line
 *
 * Documents are ordered by a server-assigned change sequence; a checkpoint is the last sequence a client has seen.
 */
export const SYNC_COLLECTIONS = [
  'tickets',
  'comments',
  'queues',
  'users',
  'sla_policies',
  'calendars',
  'catalog',
  'presets',
] as const;
export const SyncCollectionSchema = z.enum(SYNC_COLLECTIONS);
export type SyncCollection = z.infer<typeof SyncCollectionSchema>;

export interface CollectionDocs {
  tickets: Ticket;
  comments: Comment;
  queues: Queue;
  users: User;
  sla_policies: SlaPolicy;
  calendars: BusinessCalendar;
  catalog: ServiceCatalogItem;
  presets: Preset;
}

export const DOC_SCHEMAS = {
  tickets: TicketSchema,
  comments: CommentSchema,
  queues: QueueSchema,
  users: UserSchema,
  sla_policies: SlaPolicySchema,
  calendars: BusinessCalendarSchema,
  catalog: ServiceCatalogItemSchema,
  presets: PresetSchema,
} as const satisfies { [C in SyncCollection]: z.ZodType<CollectionDocs[C]> };

/** Collections workstations may write to through push; the rest change only through the admin API. */
export const PUSHABLE_COLLECTIONS: readonly SyncCollection[] = ['tickets', 'comments', 'presets'];

/**
 * Collections whose documents users delete: a deleted state (`_deleted: true`) is pushed like any change and comes
 * back to the owner's other workstations as a tombstone. Tickets are closed and comments kept, never deleted.
 */
export const DELETABLE_COLLECTIONS: readonly SyncCollection[] = ['presets'];

/** A document as it travels in replication: RxDB's `_deleted` flag marks tombstones. */
export type SyncDoc<C extends SyncCollection = SyncCollection> = CollectionDocs[C] & { _deleted: boolean };

/** A tombstone for a document the user may no longer see (or that was deleted): only the id is sent. */
export type Tombstone = { id: string; _deleted: true };

/**
 * `seq`: the last change the client has seen. `from`, while a first download is under way: the newest change on the
 * server when it began; the client cannot hold a document whose deletion or exit from its scope came before that, so
 * the server sends no tombstone for it.
 */
export const CheckpointSchema = z.object({ seq: z.number().int().min(0), from: z.number().int().min(0).optional() });
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 5000;

export const PullQuerySchema = z.object({
  checkpoint: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER, 'is not a checkpoint this server handed out')
    .optional(),
  /** The checkpoint's `from`, passed back as received. */
  from: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER, 'is not a checkpoint this server handed out')
    .optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
  /** `1`: a first download (no checkpoint) also answers its `total`, so the workstation can show its progress. */
  count: z.literal('1', { message: 'is 1 or absent' }).optional(),
});

export interface PullResponse<C extends SyncCollection = SyncCollection> {
  documents: (SyncDoc<C> | Tombstone)[];
  /** Null only when the collection holds nothing for this user yet. */
  checkpoint: Checkpoint | null;
  /**
   * Asked with `count=1` on a first download's first page: how many documents the whole download serves (this page
   * included), as of the page's snapshot; changes made meanwhile come after it.
   */
  total?: number;
}

export const PUSH_MAX_ROWS = 500;

export interface PushRow<C extends SyncCollection = SyncCollection> {
  assumedMasterState: SyncDoc<C> | null;
  newDocumentState: SyncDoc<C>;
}

export const REJECTION_CODES = ['validation', 'forbidden', 'transition', 'immutable', 'not_found'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** A pushed row the server refused: nothing of it was written. `master` is the server's current state, if any. */
export interface Rejection<C extends SyncCollection = SyncCollection> {
  id: string;
  code: RejectionCode;
  message: string;
  master: SyncDoc<C> | Tombstone | null;
}

export interface PushResponse<C extends SyncCollection = SyncCollection> {
  /** Current master states for rows whose assumed master was stale (RxDB's conflict list). */
  conflicts: (SyncDoc<C> | Tombstone)[];
  rejected: Rejection<C>[];
}

export type StreamEvent =
  | { type: 'change'; collection: SyncCollection; seq: number }
  /** The client must pull everything from its checkpoint again (e.g. after the server lost track of it). */
  | { type: 'resync' }
  /**
   * The SLA scheduler recorded that a clock crossed `percent` of its target (100: breached), and with it raised the
   * priority when `raised` is set. Sent to the queue's supervisors, admins and the ticket's assignee.
   */
  | {
      type: 'escalation';
      ticketId: string;
      clock: 'response' | 'resolution';
      percent: number;
      raised?: { from: Priority; to: Priority };
    };

/** RxDB's own bookkeeping on a stored document: never part of its state, so never compared or stored by the server. */
export const RXDB_BOOKKEEPING_FIELDS = ['_meta', '_rev', '_attachments'] as const;

/** What a replicated document carries besides its content: the deletion flag and RxDB's bookkeeping. */
export const REPLICATION_FIELDS = ['_deleted', ...RXDB_BOOKKEEPING_FIELDS] as const;

/** Fields left out when comparing a client's assumed master with the server's current document. */
export const SERVER_OWNED_FIELDS: { [C in SyncCollection]: readonly string[] } = {
  tickets: SERVER_OWNED_TICKET_FIELDS,
  comments: [],
  queues: [],
  users: [],
  sla_policies: [],
  calendars: [],
  catalog: [],
  presets: [],
};

/** The server-owned fields and RxDB's own bookkeeping, for each collection. */
const NOT_CLIENT_OWNED = Object.fromEntries(
  Object.entries(SERVER_OWNED_FIELDS).map(([collection, fields]) => [
    collection,
    new Set<string>([...fields, ...RXDB_BOOKKEEPING_FIELDS]),
  ]),
) as unknown as { [C in SyncCollection]: ReadonlySet<string> };

/**
 * Whether two states of a document agree on everything the client owns. The server uses this to detect push
 * conflicts and the client uses it as RxDB's `isEqual`, so both sides decide conflicts the same way.
 */
export function sameClientState(collection: SyncCollection, a: object | null, b: object | null): boolean {
  if (a === null || b === null) return a === b;
  return sameFields(a as Record<string, unknown>, b as Record<string, unknown>, NOT_CLIENT_OWNED[collection]);
}
