/**
 * Writing a batch of ticket changes with everything that goes with them, for push (sync/push-tickets.ts) and for
 * writes the server makes itself: per change a sequence number, its audit event (the field changes, plus any
 * notes such as a reason), an assignee record when the assignee changed, and per batch the change notes the live
 * streams forward. `writeMoves` is the path for batches that move a ticket out of someone's scope (a new queue,
 * assignee or requester): it also records the scope exits, so pull sends tombstones to those who lost the ticket,
 * and gives the moved tickets' comments new sequence numbers, so those who gained it receive them.
 */
import type { FieldChange } from '../../shared/domain/audit';
import { isActiveStatus } from '../../shared/domain/lifecycle';
import type { Ticket } from '../../shared/domain/ticket';
import type { Database, Queryable } from '../db/database';
import { keysOf, sameKeys } from '../scope';
import { type AuditRecord, auditEvent, fieldChanges, writeAudit } from '../sync/audit';
import { type ChangeNote, publishChanges } from '../sync/changes';
import { allocateSeqs } from '../sync/seq';
import {
  commentRuns,
  countCommentsOf,
  recordAssignees,
  recordScopeExits,
  resequenceComments,
  type ScopeExit,
  type Stamped,
  totalComments,
  writeTickets,
} from '../sync/store';

export interface WrittenBy {
  actorId: string;
  deviceId: string;
}

export interface TicketChange {
  /** null: a new ticket. */
  before: Ticket | null;
  after: Ticket;
  /** More for the change's audit event than its field changes (e.g. a reason, a claimed creation time). */
  notes?: FieldChange[];
}

type Numbered = TicketChange & { seq: number };

/**
 * Whether a change moves its ticket out of someone's scope (its queue, assignee or requester changed), or back into
 * the working set (sync/working-set.ts) by reopening it: either way its comments need new sequence numbers, so those
 * who gained the ticket pull them.
 */
export const isMove = <C extends TicketChange>(change: C): change is C & { before: Ticket } =>
  change.before !== null &&
  (!sameKeys(keysOf(change.before), keysOf(change.after)) ||
    (!isActiveStatus(change.before.status) && isActiveStatus(change.after.status)));

/**
 * Writes `changes` (in order; a ticket may change more than once) when any of them is a move: change numbers are
 * reserved here, once every row the changes need is locked, so the write holds readers up (sync/seq.ts) only for
 * its last steps.
 */
export async function writeMoves(
  db: Database,
  tx: Queryable,
  changes: readonly TicketChange[],
  by: WrittenBy,
): Promise<void> {
  const moves = changes.filter(isMove);
  const movedIds = [...new Set(moves.map((move) => move.after.id))];
  const commentCounts = await countCommentsOf(tx, movedIds);
  const commentSeqs = totalComments(commentCounts);

  let seq = await allocateSeqs(tx, changes.length + commentSeqs);
  const stamped: Numbered[] = changes.map((change) => ({ ...change, seq: seq++ }));
  const exits: ScopeExit[] = stamped.filter(isMove).map((change) => ({
    ticketId: change.after.id,
    seq: change.seq,
    before: keysOf(change.before),
  }));
  const resequenced = commentRuns(movedIds, commentCounts, seq);
  seq += commentSeqs;

  await writeTickets(tx, latestOf(stamped));
  await recordScopeExits(tx, exits);
  await resequenceComments(tx, resequenced);
  await recordAssignees(tx, assigneeRecords(stamped));
  await writeAudit(
    tx,
    stamped.map((change) => changeAudit(change, by)),
  );
  const notes: ChangeNote[] = [{ c: 'tickets', s: seq - 1 - commentSeqs, k: changeKeys(stamped) }];
  if (commentSeqs > 0)
    notes.push({ c: 'comments', s: seq - 1, k: moves.flatMap((m) => [keysOf(m.after), keysOf(m.before)]) });
  await publishChanges(db, tx, notes);
}

/** Each ticket's last state in a batch, with the sequence number of its last change. */
export function latestOf(stamped: readonly Numbered[]): Stamped<Ticket>[] {
  const latest = new Map<string, Stamped<Ticket>>();
  for (const change of stamped) latest.set(change.after.id, { doc: change.after, seq: change.seq });
  return [...latest.values()];
}

/** The scope keys a batch's change note carries: each ticket's keys now and, when it moved, before. */
export function changeKeys(changes: readonly TicketChange[]) {
  return changes.flatMap((change) =>
    change.before === null ? [keysOf(change.after)] : [keysOf(change.after), keysOf(change.before)],
  );
}

/** Who has held each ticket (comment rights of former assignees): new tickets and changed assignees. */
export function assigneeRecords(changes: readonly TicketChange[]) {
  return changes
    .filter((change) => change.before === null || change.before.assigneeId !== change.after.assigneeId)
    .map((change) => ({ ticketId: change.after.id, userId: change.after.assigneeId }));
}

export function changeAudit(change: Numbered, by: WrittenBy): AuditRecord {
  return auditEvent({
    seq: change.seq,
    entity: 'ticket',
    entityId: change.after.id,
    ticketId: change.after.id,
    action: change.before === null ? 'create' : 'update',
    actorId: by.actorId,
    deviceId: by.deviceId,
    at: change.after.updatedAt,
    changes: [...fieldChanges(change.before, change.after, ['updatedAt']), ...(change.notes ?? [])],
  });
}
