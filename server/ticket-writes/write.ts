/**
 * Ticket writes made by the server itself (intake, SLA escalation) rather than pushed by a workstation, through the
 * same primitives push uses (sync/store.ts, sync/audit.ts, sync/seq.ts, sync/changes.ts, changes.ts): the row with a
 * fresh change sequence allocated last, its assignee record, an audit event in the same transaction, and a change
 * note so live streams tell replicas to pull. Call inside a transaction, after every check. Changes that move a
 * ticket out of someone's scope go through `writeMoves` (changes.ts).
 */
import type { Ticket } from '../../shared/domain/ticket';
import type { Database, Queryable } from '../db/database';
import { keysOf } from '../scope';
import { type AuditRecord, writeAudit } from '../sync/audit';
import { publishChange } from '../sync/changes';
import { allocateSeqs } from '../sync/seq';
import { recordAssignees, writeTickets } from '../sync/store';
import { changeAudit, isMove, type WrittenBy } from './changes';

export type { WrittenBy } from './changes';

/** Writes a new ticket (number and server fields already set); returns its sequence number. */
export async function insertTicket(db: Database, tx: Queryable, ticket: Ticket, by: WrittenBy): Promise<number> {
  const seq = await allocateSeqs(tx, 1);
  await writeTickets(tx, [{ doc: ticket, seq }]);
  await recordAssignees(tx, [{ ticketId: ticket.id, userId: ticket.assigneeId }]);
  await writeAudit(tx, [changeAudit({ before: null, after: ticket, seq }, by)]);
  await publishChange(db, tx, { c: 'tickets', s: seq, k: [keysOf(ticket)] });
  return seq;
}

/**
 * Writes a change of a ticket that keeps its queue, assignee and requester and does not reopen it (so nobody gains
 * or loses it). `more`
 * adds audit events of the same change (e.g. one per escalation), stamped with its sequence number.
 */
export async function updateTicket(
  db: Database,
  tx: Queryable,
  before: Ticket,
  after: Ticket,
  by: WrittenBy,
  more: (seq: number) => AuditRecord[] = () => [],
): Promise<number> {
  if (isMove({ before, after })) {
    throw new Error(`updateTicket cannot move or reopen ticket ${before.id}: use writeMoves`);
  }
  const seq = await allocateSeqs(tx, 1);
  await writeTickets(tx, [{ doc: after, seq }]);
  await writeAudit(tx, [changeAudit({ before, after, seq }, by), ...more(seq)]);
  await publishChange(db, tx, { c: 'tickets', s: seq, k: [keysOf(after)] });
  return seq;
}
