/**
 * Pushing one ticket row. Order of checks (all before any write, inside the row's transaction):
 * 1. the row is locked; a delete is refused (tickets are closed, never deleted);
 * 2. an existing ticket the actor cannot see is refused as forbidden, with a tombstone so the client drops it;
 * 3. RxDB conflict rule: the current master's client-owned fields must equal the assumed master, else the master
 *    is returned as a conflict. A create of an id that exists with the same content is not a conflict (idempotent);
 * 4. nothing changed → nothing written;
 * 5. schema, references (queue, users, catalog item, priority), immutable fields, role rules, lifecycle;
 * then the server-owned fields are computed and the ticket, its scope exit (if its queue/assignee/requester changed),
 * its assignee record, its audit event and its change note are written with sequence numbers allocated last.
 */
import { priorityFrom } from '../../shared/domain/priority';
import { type Ticket, TicketSchema } from '../../shared/domain/ticket';
import { isStaff } from '../../shared/domain/user';
import { sameClientState } from '../../shared/sync/protocol';
import { describeIssues } from '../../shared/validation';
import type { Queryable } from '../db/database';
import { canSeeTicket, checkTicketWrite, keysOf, sameKeys, ticketScope } from '../scope';
import { auditEvent, fieldChanges, writeAudit } from './audit';
import { publishChange } from './changes';
import {
  asMaster,
  type PushContext,
  type PushRowInput,
  RowConflict,
  type RowOutcome,
  RowRefused,
  RowUnchanged,
  runRow,
  tombstone,
  withoutReplicationFields,
} from './push-row';
import { cachedUsers } from './reference';
import { allocateSeqs } from './seq';
import { countComments, recordAssignees, recordScopeExit, writeTickets } from './store';
import { emptySla, withServerFields } from './ticket-fields';

export function pushTicket(ctx: PushContext, row: PushRowInput): Promise<RowOutcome> {
  const id = row.newDocumentState.id;
  return runRow(ctx.db, id, (tx) => writeTicketRow(ctx, tx, row));
}

async function writeTicketRow(ctx: PushContext, tx: Queryable, row: PushRowInput): Promise<void> {
  const id = row.newDocumentState.id;
  const found = await tx.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1 AND NOT deleted FOR UPDATE', [
    id,
  ]);
  const before = found.rows[0]?.doc ?? null;
  const scope = ticketScope(ctx.actor);

  if (row.newDocumentState._deleted === true) {
    throw new RowRefused(
      'forbidden',
      'Tickets cannot be deleted: close them instead',
      before ? asMaster(before) : null,
    );
  }
  if (before === null && row.assumedMasterState !== null) {
    throw new RowRefused('not_found', `Ticket ${id} does not exist on the server`);
  }
  if (before !== null) {
    if (!canSeeTicket(scope, keysOf(before))) {
      throw new RowRefused('forbidden', 'This ticket is outside your queues or assignments', tombstone(id));
    }
    const assumed = row.assumedMasterState === null ? null : withoutReplicationFields(row.assumedMasterState);
    const incoming = withoutReplicationFields(row.newDocumentState);
    // A create of an existing id is idempotent when it carries the same content; otherwise RxDB's conflict rule.
    const base = assumed ?? incoming;
    if (!sameClientState('tickets', before, base)) throw new RowConflict(asMaster(before));
    if (sameClientState('tickets', before, incoming)) throw new RowUnchanged();
  }

  const now = ctx.now();
  const client = parseTicket(row.newDocumentState, before, now);
  await checkReferences(ctx, tx, client, before);
  if (before !== null && Date.parse(before.createdAt) !== Date.parse(client.createdAt)) {
    throw new RowRefused('immutable', 'createdAt cannot change once a ticket exists', asMaster(before));
  }
  const queueName = (queueId: string) => ctx.reference.queues.get(queueId)?.name ?? queueId;
  const refusal = checkTicketWrite(ctx.actor, before, client, queueName);
  if (refusal) throw new RowRefused(refusal.code, refusal.message, before ? asMaster(before) : null);

  const newNumber = before ? 0 : await nextTicketNumber(tx);
  const ticket = withServerFields({
    client,
    before,
    newNumber,
    now,
    reference: ctx.reference,
    onSlaConfigError: (error) => ctx.log.warn({ ticketId: id, reason: error.message }, 'SLA not computed'),
  });
  const scopeChanged = before !== null && !sameKeys(keysOf(before), keysOf(ticket));
  const movedComments = scopeChanged ? await countComments(tx, id) : 0;

  const seq = await allocateSeqs(tx, 1 + movedComments);
  await writeTickets(tx, [{ doc: ticket, seq }]);
  if (before !== null && scopeChanged) await recordScopeExit(tx, id, seq, keysOf(before), seq + 1);
  if (before === null || before.assigneeId !== ticket.assigneeId) {
    await recordAssignees(tx, [{ ticketId: id, userId: ticket.assigneeId }]);
  }
  await writeAudit(tx, [
    auditEvent({
      seq,
      entity: 'ticket',
      entityId: id,
      ticketId: id,
      action: before === null ? 'create' : 'update',
      actorId: ctx.actor.id,
      deviceId: ctx.deviceId,
      at: ticket.updatedAt,
      changes: fieldChanges(before, ticket, ['updatedAt']),
    }),
  ]);
  const keys = before !== null && scopeChanged ? [keysOf(ticket), keysOf(before)] : [keysOf(ticket)];
  await publishChange(ctx.db, tx, { c: 'tickets', s: seq, k: keys });
  if (movedComments > 0) await publishChange(ctx.db, tx, { c: 'comments', s: seq + movedComments, k: keys });
}

/** The client's document with the server-owned fields set aside, validated against the shared schema. */
function parseTicket(raw: Record<string, unknown>, before: Ticket | null, now: Date): Ticket {
  const candidate = {
    ...withoutReplicationFields(raw),
    number: before?.number ?? null,
    updatedAt: now.toISOString(),
    firstResponseAt: before?.firstResponseAt ?? null,
    resolvedAt: before?.resolvedAt ?? null,
    sla: before?.sla ?? emptySla('none'),
    slaDueAt: before?.slaDueAt ?? 0,
  };
  const parsed = TicketSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new RowRefused('validation', describeIssues(parsed.error), before ? asMaster(before) : null);
  }
  return parsed.data;
}

async function checkReferences(ctx: PushContext, tx: Queryable, ticket: Ticket, before: Ticket | null): Promise<void> {
  const master = before ? asMaster(before) : null;
  const refuse = (message: string) => new RowRefused('validation', message, master);
  if (!ctx.reference.queues.has(ticket.queueId)) throw refuse(`queueId: there is no queue ${ticket.queueId}`);
  const expected = priorityFrom(ticket.impact, ticket.urgency);
  if (ticket.priority !== expected) {
    throw refuse(`priority: must be ${expected} for impact ${ticket.impact} and urgency ${ticket.urgency}`);
  }
  const changed = (field: 'assigneeId' | 'requesterId' | 'catalogItemId') =>
    before === null || before[field] !== ticket[field];
  if (changed('catalogItemId') && ticket.catalogItemId !== '' && !ctx.reference.catalog.has(ticket.catalogItemId)) {
    throw refuse(`catalogItemId: there is no catalog item ${ticket.catalogItemId}`);
  }
  if (!changed('assigneeId') && !changed('requesterId')) return;
  const users = await cachedUsers(ctx.users, tx, [ticket.assigneeId, ticket.requesterId]);
  if (changed('requesterId') && !users.has(ticket.requesterId)) {
    throw refuse(`requesterId: there is no user ${ticket.requesterId}`);
  }
  if (changed('assigneeId') && ticket.assigneeId !== '') {
    const assignee = users.get(ticket.assigneeId);
    if (!assignee?.active || !isStaff(assignee.role)) {
      throw refuse(`assigneeId: ${ticket.assigneeId} is not an active staff member`);
    }
  }
}

/** The next human ticket number (also used by intake). */
export async function nextTicketNumber(tx: Queryable): Promise<number> {
  const result = await tx.query<{ n: number }>("SELECT nextval('ticket_number_seq') AS n");
  const n = result.rows[0]?.n;
  if (n === undefined) throw new Error('ticket_number_seq returned nothing');
  return n;
}
