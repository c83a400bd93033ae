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

/**
 * A ticket's visibility keys changed at `seq`: remember who could see it before (pull turns that into tombstones),
 * and give its comments new sequence numbers from `firstCommentSeq` on, so users who can see the ticket now receive
 * the existing comments and users who lost it receive their tombstones.
 */
export async function recordScopeExit(
  tx: Queryable,
  ticketId: string,
  seq: number,
  before: TicketKeys,
  firstCommentSeq: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_scope_exits (seq, ticket_id, old_queue_id, old_assignee_id, old_requester_id)
     VALUES ($1, $2, $3, $4, $5)`,
    [seq, ticketId, before.queueId, before.assigneeId, before.requesterId],
  );
  await tx.query(
    `UPDATE comments c SET seq = $2 + o.rn
       FROM (SELECT id, row_number() OVER (ORDER BY seq, id) - 1 AS rn FROM comments WHERE ticket_id = $1) o
      WHERE c.id = o.id`,
    [ticketId, firstCommentSeq],
  );
}

export async function countComments(tx: Queryable, ticketId: string): Promise<number> {
  const result = await tx.query<{ n: number }>('SELECT count(*)::integer AS n FROM comments WHERE ticket_id = $1', [
    ticketId,
  ]);
  return result.rows[0]?.n ?? 0;
}
