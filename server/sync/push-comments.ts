/**
 * Pushing comment rows (a batch, see push-row.ts). Comments are append-only: an existing id is either the same
 * content (unchanged, idempotent) or refused as immutable; deletes are refused too. A new comment needs its ticket
 * to exist, and the author to be the actor and allowed to comment (shared/sync/comment-rules.ts: who can see the
 * ticket now or was ever assigned to it; requesters public replies on their own tickets). The first public comment
 * by a staff member also stamps the ticket's `firstResponseAt` (stopping its response clock), in the same transaction.
 */
import { type Comment, CommentSchema } from '../../shared/domain/comment';
import type { Ticket } from '../../shared/domain/ticket';
import { isStaff } from '../../shared/domain/user';
import { checkCommentWrite } from '../../shared/sync/comment-rules';
import { sameClientState } from '../../shared/sync/protocol';
import { describeIssues } from '../../shared/validation';
import type { Queryable } from '../db/database';
import { canSeeComment, keysOf } from '../scope';
import { type AuditRecord, auditEvent, fieldChanges, writeAudit } from './audit';
import { type ChangeNote, publishChanges } from './changes';
import {
  asMaster,
  type BatchContext,
  namedValues,
  type PushContext,
  type PushRowInput,
  type RowOutcome,
  RowRefused,
  RowUnchanged,
  runBatch,
  settle,
  tombstone,
  withoutReplicationFields,
} from './push-row';
import { allocateSeqs } from './seq';
import { insertComments, type Stamped, writeTickets } from './store';
import { withSla } from './ticket-fields';
import { bringBackWritten } from './working-set';

interface Written {
  comment: Comment;
  /** Its ticket (for the change note's scope keys). */
  ticket: Ticket;
  /** The ticket with its first response stamped, when this comment is that first response. */
  responded: { before: Ticket; after: Ticket } | null;
}

export function pushComments(ctx: PushContext, rows: readonly PushRowInput[]): Promise<RowOutcome[]> {
  return runBatch(ctx.db, (tx) => commentBatch(ctx, tx, rows));
}

async function commentBatch(ctx: PushContext, tx: Queryable, rows: readonly PushRowInput[]): Promise<RowOutcome[]> {
  const ids = [...new Set(rows.map((row) => row.newDocumentState.id))];
  const existing = await tx.query<{ doc: Comment; ticket: Ticket }>(
    `SELECT c.doc, t.doc AS ticket FROM comments c JOIN tickets t ON t.id = c.ticket_id
      WHERE c.id = ANY($1::text[]) AND NOT c.deleted`,
    [ids],
  );
  // Locks the tickets: a concurrent move re-sequences their comments and must see these; the first response too.
  const ticketIds = namedValues(rows, 'ticketId');
  const tickets = await tx.query<{ doc: Ticket }>(
    'SELECT doc FROM tickets WHERE id = ANY($1::text[]) AND NOT deleted ORDER BY id FOR UPDATE',
    [ticketIds],
  );
  const assigned = await tx.query<{ ticket_id: string }>(
    'SELECT ticket_id FROM ticket_assignees WHERE user_id = $1 AND ticket_id = ANY($2::text[])',
    [ctx.actor.id, ticketIds],
  );
  const batch: BatchContext = { ...ctx, reference: await ctx.references.current(tx) };
  const state: BatchState = {
    comments: new Map(existing.rows.map((row) => [row.doc.id, { doc: row.doc, ticket: row.ticket }])),
    tickets: new Map(tickets.rows.map((row) => [row.doc.id, row.doc])),
    formerAssignments: new Set(assigned.rows.map((row) => row.ticket_id)),
  };

  const now = ctx.now();
  const outcomes: RowOutcome[] = [];
  const written: Written[] = [];
  for (const row of rows) {
    const result = settle(row.newDocumentState.id, () => decideComment(batch, state, row, now));
    if ('outcome' in result) {
      outcomes.push(result.outcome);
      continue;
    }
    const { comment, ticket, responded } = result.accepted;
    state.comments.set(comment.id, { doc: comment, ticket });
    if (responded) state.tickets.set(responded.after.id, responded.after);
    written.push(result.accepted);
    outcomes.push({ kind: 'written' });
  }
  if (written.length > 0) await writeComments(ctx, tx, written, now);
  return outcomes;
}

interface BatchState {
  comments: Map<string, { doc: Comment; ticket: Ticket }>;
  tickets: Map<string, Ticket>;
  /** Tickets of this batch the actor was assigned to at some point. */
  formerAssignments: Set<string>;
}

function decideComment(ctx: BatchContext, state: BatchState, row: PushRowInput, now: Date): Written {
  const id = row.newDocumentState.id;
  const existing = state.comments.get(id);
  if (existing) {
    const visible =
      canSeeComment(ctx.actor, keysOf(existing.ticket), existing.doc) || existing.doc.authorId === ctx.actor.id;
    const master = visible ? asMaster(existing.doc) : tombstone(id);
    const same = sameClientState('comments', existing.doc, withoutReplicationFields(row.newDocumentState));
    if (row.newDocumentState._deleted !== true && same) throw new RowUnchanged();
    throw new RowRefused('immutable', 'Comments cannot be edited or deleted once written', master);
  }
  if (row.newDocumentState._deleted === true) throw new RowRefused('immutable', 'Comments cannot be deleted');
  if (row.assumedMasterState !== null) throw new RowRefused('not_found', `Comment ${id} does not exist on the server`);

  const parsed = CommentSchema.safeParse(withoutReplicationFields(row.newDocumentState));
  if (!parsed.success) throw new RowRefused('validation', describeIssues(parsed.error));
  const comment: Comment = {
    ...parsed.data,
    // Written offline, so the client's time; but never in the future.
    createdAt: Date.parse(parsed.data.createdAt) > now.getTime() ? now.toISOString() : parsed.data.createdAt,
  };
  const ticket = state.tickets.get(comment.ticketId);
  if (!ticket) {
    throw new RowRefused(
      'not_found',
      `ticketId: ticket ${comment.ticketId} does not exist on the server (push the ticket first)`,
    );
  }
  const refusal = checkCommentWrite(ctx.actor, keysOf(ticket), comment, state.formerAssignments.has(ticket.id));
  if (refusal) throw new RowRefused(refusal.code, refusal.message);

  if (comment.visibility !== 'public' || !isStaff(ctx.actor.role) || ticket.firstResponseAt !== null) {
    return { comment, ticket, responded: null };
  }
  const nowIso = now.toISOString();
  const after = withSla(
    { ...ticket, firstResponseAt: nowIso, updatedAt: nowIso },
    ticket,
    now,
    ctx.reference,
    (error) => ctx.log.warn({ ticketId: ticket.id, reason: error.message }, 'SLA not computed'),
  );
  return { comment, ticket, responded: { before: ticket, after } };
}

async function writeComments(ctx: PushContext, tx: Queryable, written: Written[], now: Date): Promise<void> {
  const responses = written.flatMap((item) => (item.responded ? [item.responded] : []));
  // Reserved last (seq.ts: readers wait for an in-flight write): from here on the batch only writes.
  let seq = await allocateSeqs(tx, written.length + responses.length);
  const comments: Stamped<Comment>[] = written.map((item) => ({ doc: item.comment, seq: seq++ }));
  const tickets: Stamped<Ticket>[] = responses.map((response) => ({ doc: response.after, seq: seq++ }));
  await insertComments(tx, comments);
  await writeTickets(tx, tickets);
  const at = now.toISOString();
  const by = { actorId: ctx.actor.id, deviceId: ctx.deviceId, at };
  await writeAudit(tx, [
    ...comments.map(
      (row): AuditRecord =>
        auditEvent({
          ...by,
          seq: row.seq,
          entity: 'comment',
          entityId: row.doc.id,
          ticketId: row.doc.ticketId,
          action: 'comment',
          changes: fieldChanges(null, row.doc),
        }),
    ),
    ...tickets.map(
      (row, index): AuditRecord =>
        auditEvent({
          ...by,
          seq: row.seq,
          entity: 'ticket',
          entityId: row.doc.id,
          ticketId: row.doc.id,
          action: 'update',
          changes: fieldChanges(responses[index]?.before ?? null, row.doc, ['updatedAt']),
        }),
    ),
  ]);
  const notes: ChangeNote[] = written.map((item) => ({
    c: 'comments',
    s: comments.at(-1)?.seq ?? 0,
    k: [keysOf(item.ticket)],
    v: item.comment.visibility,
    u: item.comment.authorId,
  }));
  for (const row of tickets) notes.push({ c: 'tickets', s: row.seq, k: [keysOf(row.doc)] });
  await publishChanges(ctx.db, tx, notes);
  // A comment on a ticket that left the working set brings it back (working-set.ts), so pull serves them both.
  await bringBackWritten(
    ctx.db,
    tx,
    written.map((item) => item.ticket.id),
    now,
  );
}
