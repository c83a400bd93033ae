/**
 * Pushing one comment row. Comments are append-only: an existing id is either the same content (unchanged,
 * idempotent) or refused as immutable; deletes are refused too. A new comment needs its ticket to exist, and the
 * author to be the actor and allowed to comment (scope.ts: who can see the ticket now or was ever assigned to it;
 * requesters public replies on their own tickets). The first public comment by a staff member also stamps the
 * ticket's `firstResponseAt` (stopping its response clock), in the same transaction.
 */
import { type Comment, CommentSchema } from '../../shared/domain/comment';
import type { Ticket } from '../../shared/domain/ticket';
import { isStaff } from '../../shared/domain/user';
import { sameClientState } from '../../shared/sync/protocol';
import { describeIssues } from '../../shared/validation';
import type { Queryable } from '../db/database';
import { canSeeComment, checkCommentWrite, keysOf } from '../scope';
import { type AuditRecord, auditEvent, fieldChanges, writeAudit } from './audit';
import { publishChange } from './changes';
import {
  asMaster,
  type PushContext,
  type PushRowInput,
  type RowOutcome,
  RowRefused,
  RowUnchanged,
  runRow,
  tombstone,
  withoutReplicationFields,
} from './push-row';
import { allocateSeqs } from './seq';
import { insertComments, writeTickets } from './store';
import { withSla } from './ticket-fields';

export function pushComment(ctx: PushContext, row: PushRowInput): Promise<RowOutcome> {
  return runRow(ctx.db, row.newDocumentState.id, (tx) => writeCommentRow(ctx, tx, row));
}

async function writeCommentRow(ctx: PushContext, tx: Queryable, row: PushRowInput): Promise<void> {
  const id = row.newDocumentState.id;
  const found = await tx.query<{ doc: Comment; ticket: Ticket }>(
    `SELECT c.doc, t.doc AS ticket FROM comments c JOIN tickets t ON t.id = c.ticket_id
      WHERE c.id = $1 AND NOT c.deleted`,
    [id],
  );
  const existing = found.rows[0];
  if (existing) {
    const visible =
      canSeeComment(ctx.actor, keysOf(existing.ticket), existing.doc) || existing.doc.authorId === ctx.actor.id;
    const master = visible ? asMaster(existing.doc) : tombstone(id);
    if (
      row.newDocumentState._deleted !== true &&
      sameClientState('comments', existing.doc, withoutReplicationFields(row.newDocumentState))
    ) {
      throw new RowUnchanged();
    }
    throw new RowRefused('immutable', 'Comments cannot be edited or deleted once written', master);
  }
  if (row.newDocumentState._deleted === true) {
    throw new RowRefused('immutable', 'Comments cannot be deleted');
  }
  if (row.assumedMasterState !== null) throw new RowRefused('not_found', `Comment ${id} does not exist on the server`);

  const parsed = CommentSchema.safeParse(withoutReplicationFields(row.newDocumentState));
  if (!parsed.success) throw new RowRefused('validation', describeIssues(parsed.error));
  const now = ctx.now();
  const comment: Comment = {
    ...parsed.data,
    // Written offline, so the client's time; but never in the future.
    createdAt: Date.parse(parsed.data.createdAt) > now.getTime() ? now.toISOString() : parsed.data.createdAt,
  };

  // Locks the ticket: a concurrent move of the ticket re-sequences its comments and must see this one.
  const ticketRow = await tx.query<{ doc: Ticket }>(
    'SELECT doc FROM tickets WHERE id = $1 AND NOT deleted FOR UPDATE',
    [comment.ticketId],
  );
  const ticket = ticketRow.rows[0]?.doc;
  if (!ticket) {
    throw new RowRefused(
      'not_found',
      `ticketId: ticket ${comment.ticketId} does not exist on the server (push the ticket first)`,
    );
  }
  const assigned = await tx.query('SELECT 1 FROM ticket_assignees WHERE ticket_id = $1 AND user_id = $2', [
    ticket.id,
    ctx.actor.id,
  ]);
  const refusal = checkCommentWrite(ctx.actor, keysOf(ticket), comment, assigned.rows.length > 0);
  if (refusal) throw new RowRefused(refusal.code, refusal.message);

  const firstResponse = comment.visibility === 'public' && isStaff(ctx.actor.role) && ticket.firstResponseAt === null;
  const nowIso = now.toISOString();
  const responded = firstResponse
    ? withSla({ ...ticket, firstResponseAt: nowIso, updatedAt: nowIso }, ticket, now, ctx.reference, (error) =>
        ctx.log.warn({ ticketId: ticket.id, reason: error.message }, 'SLA not computed'),
      )
    : null;

  const seq = await allocateSeqs(tx, responded ? 2 : 1);
  await insertComments(tx, [{ doc: comment, seq }]);
  const events: AuditRecord[] = [
    auditEvent({
      seq,
      entity: 'comment',
      entityId: comment.id,
      ticketId: ticket.id,
      action: 'comment',
      actorId: ctx.actor.id,
      deviceId: ctx.deviceId,
      at: nowIso,
      changes: fieldChanges(null, comment),
    }),
  ];
  if (responded) {
    await writeTickets(tx, [{ doc: responded, seq: seq + 1 }]);
    events.push(
      auditEvent({
        seq: seq + 1,
        entity: 'ticket',
        entityId: ticket.id,
        ticketId: ticket.id,
        action: 'update',
        actorId: ctx.actor.id,
        deviceId: ctx.deviceId,
        at: nowIso,
        changes: fieldChanges(ticket, responded, ['updatedAt']),
      }),
    );
  }
  await writeAudit(tx, events);
  const keys = [keysOf(ticket)];
  await publishChange(ctx.db, tx, { c: 'comments', s: seq, k: keys, v: comment.visibility, u: comment.authorId });
  if (responded) await publishChange(ctx.db, tx, { c: 'tickets', s: seq + 1, k: keys });
}
