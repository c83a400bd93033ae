/**
 * When an admin's change to a person (admin/user-write.ts, for the admin API and the command line) takes queues
 * from them — removed from a queue, deactivated, or given a role that works no queue (`queuesLeft`,
 * shared/domain/assignment.ts) — their active tickets in those queues are unassigned in the same transaction, so no
 * open ticket waits on someone who will not work it (and, for agents and supervisors, can no longer see it).
 * Each goes through the ticket write path (changes.ts `writeMoves`): a new sequence number, a scope exit (the former
 * assignee's replica gets its tombstone where they lost the ticket), an audit event by the admin that gives the
 * reason (`{field: 'reason', to: 'Unassigned: … left the … queue'}`), a change note for the live streams. Resolved
 * and closed tickets keep their assignee: they record who did the work.
 *
 * Two steps, because change numbers are reserved once the rows are locked (sync/seq.ts: an in-flight write holds
 * readers up, so it reserves late): `lockStranded` locks the tickets, and `unassignStranded` writes them afterwards. The caller locks the person's row first: pushes and routing that hand
 * someone a ticket read that row with a share lock, so none can slip an assignment in between.
 */
import { queuesLeft, unassignedBecause } from '../../shared/domain/assignment';
import { ACTIVE_STATUSES } from '../../shared/domain/lifecycle';
import { type Ticket, UNASSIGNED } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import type { Database, Queryable } from '../db/database';
import { type TicketChange, type WrittenBy, writeMoves } from './changes';

/** The active tickets `after` may no longer hold, locked, with the reason each loses its assignee. */
export async function lockStranded(tx: Queryable, before: User, after: User): Promise<TicketChange[]> {
  const left = queuesLeft(before, after);
  if (left.length === 0) return [];
  const found = await tx.query<{ doc: Ticket; queue_name: string | null }>(
    `SELECT t.doc, q.doc->>'name' AS queue_name
       FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id
      WHERE t.assignee_id = $1 AND t.queue_id = ANY($2::text[]) AND NOT t.deleted
        AND t.doc->>'status' = ANY($3::text[])
      ORDER BY t.id
        FOR UPDATE OF t`,
    [before.id, left, [...ACTIVE_STATUSES]],
  );
  const now = new Date().toISOString();
  return found.rows.map(({ doc, queue_name }) => ({
    before: doc,
    after: { ...doc, assigneeId: UNASSIGNED, updatedAt: now },
    notes: [{ field: 'reason', from: null, to: unassignedBecause(after, queue_name ?? doc.queueId) }],
  }));
}

/** Writes what `lockStranded` found; returns how many tickets were unassigned. */
export async function unassignStranded(
  db: Database,
  tx: Queryable,
  stranded: readonly TicketChange[],
  by: WrittenBy,
): Promise<number> {
  if (stranded.length > 0) await writeMoves(db, tx, stranded, by);
  return stranded.length;
}
