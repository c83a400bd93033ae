/**
 * Bulk writes of replicated rows: the one write path for push (a row at a time) and for seeding (thousands at a
 * time). Every row carries the sequence number its transaction allocated. Rows travel as one JSON parameter unpacked
 * by `jsonb_to_recordset`, so a batch is one statement; indexed columns are derived from the document in SQL, so
 * they cannot disagree with it.
 */
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Comment } from '../../shared/domain/comment';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import type { Queryable } from '../db/database';
import type { TicketKeys } from '../scope';
import { type ReferenceCollection, TABLES } from './tables';

export interface Stamped<T> {
  doc: T;
  seq: number;
}

export interface ReferenceDocs {
  queues: Queue;
  sla_policies: SlaPolicy;
  calendars: BusinessCalendar;
  catalog: ServiceCatalogItem;
}

export async function writeTickets(tx: Queryable, rows: readonly Stamped<Ticket>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO tickets (id, number, queue_id, assignee_id, requester_id, doc, seq, deleted)
     SELECT r.doc->>'id', (r.doc->>'number')::integer, r.doc->>'queueId', r.doc->>'assigneeId',
            r.doc->>'requesterId', r.doc, r.seq, false
       FROM jsonb_to_recordset($1::text::jsonb) AS r(doc jsonb, seq bigint)
     ON CONFLICT (id) DO UPDATE SET
       number = EXCLUDED.number, queue_id = EXCLUDED.queue_id, assignee_id = EXCLUDED.assignee_id,
       requester_id = EXCLUDED.requester_id, doc = EXCLUDED.doc, seq = EXCLUDED.seq, deleted = false`,
    [JSON.stringify(rows)],
  );
}

/** Comments are append-only: inserted once, never updated (re-sequencing aside). */
export async function insertComments(tx: Queryable, rows: readonly Stamped<Comment>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO comments (id, ticket_id, author_id, visibility, doc, seq)
     SELECT r.doc->>'id', r.doc->>'ticketId', r.doc->>'authorId', r.doc->>'visibility', r.doc, r.seq
       FROM jsonb_to_recordset($1::text::jsonb) AS r(doc jsonb, seq bigint)`,
    [JSON.stringify(rows)],
  );
}

export async function writeReferenceDocs<C extends ReferenceCollection>(
  tx: Queryable,
  collection: C,
  rows: readonly Stamped<ReferenceDocs[C]>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ${TABLES[collection]} (id, doc, seq, deleted)
     SELECT r.doc->>'id', r.doc, r.seq, false FROM jsonb_to_recordset($1::text::jsonb) AS r(doc jsonb, seq bigint)
     ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, seq = EXCLUDED.seq, deleted = false`,
    [JSON.stringify(rows)],
  );
}

/** Users with their password hashes; only `doc` (the public fields) ever replicates. */
export async function writeUsers(
  tx: Queryable,
  rows: readonly (Stamped<User> & { passwordHash: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO users (id, email, password_hash, role, queue_ids, active, doc, seq, deleted)
     SELECT r.doc->>'id', r.doc->>'email', r."passwordHash", r.doc->>'role',
            ARRAY(SELECT jsonb_array_elements_text(r.doc->'queueIds')), (r.doc->>'active')::boolean, r.doc, r.seq, false
       FROM jsonb_to_recordset($1::text::jsonb) AS r(doc jsonb, seq bigint, "passwordHash" text)
     ON CONFLICT (id) DO UPDATE SET
       email = EXCLUDED.email, password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
       queue_ids = EXCLUDED.queue_ids, active = EXCLUDED.active, doc = EXCLUDED.doc, seq = EXCLUDED.seq, deleted = false`,
    [JSON.stringify(rows)],
  );
}

export async function recordAssignees(
  tx: Queryable,
  pairs: readonly { ticketId: string; userId: string }[],
): Promise<void> {
  const real = pairs.filter((pair) => pair.userId !== '');
  if (real.length === 0) return;
  await tx.query(
    `INSERT INTO ticket_assignees (ticket_id, user_id)
     SELECT r."ticketId", r."userId" FROM jsonb_to_recordset($1::text::jsonb) AS r("ticketId" text, "userId" text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(real)],
  );
}

export interface ScopeExit {
  ticketId: string;
  /** The sequence number of the change that moved the ticket. */
  seq: number;
  /** Who could see it before: the keys it had until this change. */
  before: TicketKeys;
}

/**
 * Tickets whose visibility keys changed: remember who could see each before (pull turns that into tombstones for
 * users who cannot see it now). Call `resequenceComments` for the same tickets in the same transaction.
 */
export async function recordScopeExits(tx: Queryable, exits: readonly ScopeExit[]): Promise<void> {
  if (exits.length === 0) return;
  await tx.query(
    `INSERT INTO ticket_scope_exits (seq, ticket_id, old_queue_id, old_assignee_id, old_requester_id)
     SELECT r.seq, r."ticketId", r.before->>'queueId', r.before->>'assigneeId', r.before->>'requesterId'
       FROM jsonb_to_recordset($1::text::jsonb) AS r(seq bigint, "ticketId" text, before jsonb)`,
    [JSON.stringify(exits)],
  );
}

/**
 * Gives the comments of each moved ticket new sequence numbers, `firstSeq` onwards in their existing order (the
 * caller allocated as many as `countCommentsOf` reported), so users who can see the ticket now receive its existing
 * comments and users who lost it receive their tombstones.
 */
export async function resequenceComments(
  tx: Queryable,
  moves: readonly { ticketId: string; firstSeq: number }[],
): Promise<void> {
  if (moves.length === 0) return;
  await tx.query(
    `UPDATE comments c SET seq = m."firstSeq" + o.rn
       FROM jsonb_to_recordset($1::text::jsonb) AS m("ticketId" text, "firstSeq" bigint),
            (SELECT id, ticket_id, row_number() OVER (PARTITION BY ticket_id ORDER BY seq, id) - 1 AS rn
               FROM comments WHERE ticket_id = ANY($2::text[])) o
      WHERE c.id = o.id AND o.ticket_id = m."ticketId"`,
    [JSON.stringify(moves), moves.map((move) => move.ticketId)],
  );
}

/** Single-ticket form of recordScopeExits + resequenceComments. */
export async function recordScopeExit(
  tx: Queryable,
  ticketId: string,
  seq: number,
  before: TicketKeys,
  firstCommentSeq: number,
): Promise<void> {
  await recordScopeExits(tx, [{ ticketId, seq, before }]);
  await resequenceComments(tx, [{ ticketId, firstSeq: firstCommentSeq }]);
}

/** How many comments each of the tickets has (tickets without comments are absent). */
export async function countCommentsOf(tx: Queryable, ticketIds: readonly string[]): Promise<Map<string, number>> {
  if (ticketIds.length === 0) return new Map();
  const result = await tx.query<{ ticket_id: string; n: number }>(
    'SELECT ticket_id, count(*)::integer AS n FROM comments WHERE ticket_id = ANY($1::text[]) GROUP BY ticket_id',
    [[...ticketIds]],
  );
  return new Map(result.rows.map((row) => [row.ticket_id, row.n]));
}
