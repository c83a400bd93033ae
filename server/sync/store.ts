/**
 * Bulk writes of replicated rows: the one write path for push (a row at a time) and for seeding (thousands at a
 * time). Every row carries the sequence number its transaction allocated. A batch is one statement: the hot tables
 * (tickets, comments, assignees, audit) take their rows as parallel arrays unpacked by `unnest`, documents as JSON
 * texts (json-params.ts: a third of bulk seeding's CPU time saved); the rest as one JSON parameter unpacked by
 * `jsonb_to_recordset`. Indexed columns are derived from the document in SQL, so they cannot disagree with it.
 */
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Comment } from '../../shared/domain/comment';
import type { Preset } from '../../shared/domain/preset';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import type { Queryable } from '../db/database';
import type { TicketKeys } from '../scope';
import { AUDIT_COLUMNS, AUDIT_FIELDS, AUDIT_VALUES, type AuditRecord, auditParams, auditRows } from './audit';
import { notesSql, type StatementNotes } from './changes';
import { jsonbArray, jsonTexts } from './json-params';
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
    insertTickets('r.seq', `unnest(${jsonbArray('$1')}, $2::bigint[]) AS r(doc, seq)`),
    documentsAndSeqs(rows),
  );
}

/** The tickets upsert: rows `r(doc, …)` from `from`, each stamped with the sequence `seq` (an SQL expression). */
function insertTickets(seq: string, from: string): string {
  return `INSERT INTO tickets (id, number, queue_id, assignee_id, requester_id, doc, seq, deleted)
     SELECT r.doc->>'id', (r.doc->>'number')::integer, r.doc->>'queueId', r.doc->>'assigneeId',
            r.doc->>'requesterId', r.doc, ${seq}, false
       FROM ${from}
     ON CONFLICT (id) DO UPDATE SET
       number = EXCLUDED.number, queue_id = EXCLUDED.queue_id, assignee_id = EXCLUDED.assignee_id,
       requester_id = EXCLUDED.requester_id, doc = EXCLUDED.doc, seq = EXCLUDED.seq, deleted = false`;
}

/**
 * Push's common case (no ticket moved out of anyone's scope) in ONE statement: reserves `count` change numbers
 * (seq.ts), writes the tickets, their assignee records and their audit events, whose `seq` fields are offsets from
 * the first number reserved (0 … count − 1), and sends the change notes with the last number; returns the first.
 * One round trip besides the commit; no writer waits for another's commit (seq.ts).
 */
export async function allocateAndWriteTickets(
  tx: Queryable,
  count: number,
  tickets: readonly Stamped<Ticket>[],
  assignees: readonly { ticketId: string; userId: string }[],
  audit: readonly AuditRecord[],
  notes: StatementNotes,
): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`cannot allocate ${count} sequence numbers`);
  const real = assignees.filter((pair) => pair.userId !== '');
  const result = await tx.query<{ first: number }>(
    `WITH s AS (SELECT reserve_change_numbers($1::integer) AS first),
          t AS (${insertTickets('s.first + r.seq', `unnest(${jsonbArray('$2')}, $3::bigint[]) AS r(doc, seq), s`)}),
          a AS (INSERT INTO ticket_assignees (ticket_id, user_id) SELECT * FROM unnest($4::text[], $5::text[])
                ON CONFLICT DO NOTHING),
          e AS (INSERT INTO audit_events (${AUDIT_COLUMNS})
                SELECT r.id, s.first + r.seq, ${AUDIT_VALUES} FROM ${auditRows(6)} AS r(${AUDIT_FIELDS}), s)
     SELECT first, ${notesSql('$16', '$17', 's.first + $1 - 1')} AS notified FROM s`,
    [
      count,
      ...documentsAndSeqs(tickets),
      real.map((pair) => pair.ticketId),
      real.map((pair) => pair.userId),
      ...auditParams(audit),
      notes.channel,
      notes.texts,
    ],
    { prepare: true },
  );
  const first = result.rows[0]?.first;
  if (first === undefined || first === null) throw new Error('change numbers are missing: migrations did not run');
  return first;
}

/** Comments are append-only: inserted once, never updated (re-sequencing aside). */
export async function insertComments(tx: Queryable, rows: readonly Stamped<Comment>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO comments (id, ticket_id, author_id, visibility, doc, seq)
     SELECT r.doc->>'id', r.doc->>'ticketId', r.doc->>'authorId', r.doc->>'visibility', r.doc, r.seq
       FROM unnest(${jsonbArray('$1')}, $2::bigint[]) AS r(doc, seq)`,
    documentsAndSeqs(rows),
  );
}

/** The two parameters of a batch: the documents as JSON texts, and their sequence numbers. */
function documentsAndSeqs(rows: readonly Stamped<object>[]): [string, number[]] {
  return [jsonTexts(rows.map((row) => row.doc)), rows.map((row) => row.seq)];
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

/** Presets, each its latest state (a deleted one keeps its last content, so its owner can still be told). */
export async function writePresets(
  tx: Queryable,
  rows: readonly (Stamped<Preset> & { deleted: boolean })[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO presets (id, kind, owner_id, doc, seq, deleted)
     SELECT r.doc->>'id', r.doc->>'kind', r.doc->>'ownerId', r.doc, r.seq, r.deleted
       FROM jsonb_to_recordset($1::text::jsonb) AS r(doc jsonb, seq bigint, deleted boolean)
     ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, seq = EXCLUDED.seq, deleted = EXCLUDED.deleted`,
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
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT DO NOTHING`,
    [real.map((pair) => pair.ticketId), real.map((pair) => pair.userId)],
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

/**
 * The comment moves for `resequenceComments`: each ticket with comments gets the next run of sequence numbers from
 * `firstSeq`, as many as `counts` (countCommentsOf) gives it, in the order of `ticketIds`.
 */
export function commentRuns(
  ticketIds: readonly string[],
  counts: ReadonlyMap<string, number>,
  firstSeq: number,
): { ticketId: string; firstSeq: number }[] {
  let seq = firstSeq;
  return ticketIds
    .filter((id) => (counts.get(id) ?? 0) > 0)
    .map((ticketId) => {
      const run = { ticketId, firstSeq: seq };
      seq += counts.get(ticketId) ?? 0;
      return run;
    });
}

/** How many comments `counts` (countCommentsOf) holds in all. */
export function totalComments(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
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
