/**
 * Pushing ticket rows (a batch, see push-row.ts). For each row, in order, before anything is written:
 * 1. a delete is refused (tickets are closed, never deleted);
 * 2. an existing ticket the actor cannot see is refused as forbidden, with a tombstone so the client drops it;
 * 3. RxDB's conflict rule: the current master's client-owned fields must equal the assumed master, else the master
 *    is returned as a conflict. A create of an id that exists with the same content is not a conflict (idempotent);
 * 4. nothing changed → nothing written;
 * 5. schema, references (queue, requester, catalog item, priority), then the write rules (shared/sync/write-rules.ts:
 *    the role × field table, eligible assignees, lifecycle).
 * Accepted rows then get their server-owned fields (numbers for new tickets; a creation time within the device's
 * offline span, offline-span.ts) and are written with, per change, a
 * sequence number, a scope exit if its queue/assignee/requester changed (and the ticket's comments re-sequenced),
 * its assignee record and its audit event; one change note per batch tells the live streams.
 */
import { sameJson } from '../../shared/canonical';
import { priorityProblem } from '../../shared/domain/priority';
import { emptySla, NO_DUE, type Ticket, TicketSchema } from '../../shared/domain/ticket';
import { sameClientState } from '../../shared/sync/protocol';
import { checkTicketWrite } from '../../shared/sync/write-rules';
import { describeIssues } from '../../shared/validation';
import type { Queryable } from '../db/database';
import { canSeeTicket, keysOf, ticketScope } from '../scope';
import {
  assigneeRecords,
  changeAudit,
  changeKeys,
  isMove,
  latestOf,
  type TicketChange,
  type WrittenBy,
  writeMoves,
} from '../ticket-writes/changes';
import { statementNotes } from './changes';
import {
  asMaster,
  type BatchContext,
  decideRows,
  namedValues,
  type PushContext,
  type PushRowInput,
  RowConflict,
  type RowOutcome,
  RowRefused,
  RowUnchanged,
  runBatch,
  tombstone,
  withoutReplicationFields,
} from './push-row';
import { REFERENCE_VERSION_SQL, type UserSummary } from './reference';
import { allocateAndWriteTickets } from './store';
import { withServerFields } from './ticket-fields';
import { bringBackWritten } from './working-set';

/** Stands in for the number of a ticket created in this batch until numbers are drawn (after all decisions). */
const UNNUMBERED = 0;

export function pushTickets(ctx: PushContext, rows: readonly PushRowInput[]): Promise<RowOutcome[]> {
  return runBatch(ctx.db, (tx) => ticketBatch(ctx, tx, rows));
}

async function ticketBatch(ctx: PushContext, tx: Queryable, rows: readonly PushRowInput[]): Promise<RowOutcome[]> {
  const locked = await lockBatch(tx, rows);
  const batch: TicketBatchContext = {
    ...ctx,
    reference: await ctx.references.at(tx, locked.referenceVersion),
    users: locked.users,
  };
  const now = ctx.now();
  const { outcomes, changes } = decideRows(rows, locked.tickets, (row, before) =>
    decideTicket(batch, row, before, now),
  );
  if (changes.length > 0) await writeTicketChanges(ctx, tx, numbered(changes, locked.numbers));
  return outcomes;
}

interface TicketBatchContext extends BatchContext {
  /** The users the batch's rows name (as assignee or requester); absent: no such user. */
  users: Map<string, UserSummary>;
}

/**
 * The batch's first statement: locks the current masters (in id order, so two batches touching the same tickets
 * cannot deadlock), reads the users its rows name and the reference data's version, and draws a ticket number for
 * every id that is not a ticket yet, in one round trip. A number drawn for a row that is then refused stays unused
 * (a gap, as a rolled-back transaction leaves one); that costs nothing, where a second round trip per push did.
 *
 * The people a row hands a ticket to (a new assignee or queue) are read first and with a share lock: an admin's
 * change to one of them (admin/user-write.ts) holds their row until it commits, so the push waits and then judges
 * them as they are now; otherwise a ticket could be handed to someone in the very moment they leave its queue, after
 * the admin's change unassigned their tickets there (ticket-writes/unassign.ts). Other named people (requesters,
 * unchanged assignees) are read without a lock. Scalar subqueries run in the order written, so that lock (and any
 * wait for it) comes before the tickets' locks, the order the admin's change takes them in: no deadlock.
 */
async function lockBatch(tx: Queryable, rows: readonly PushRowInput[]) {
  const ids = [...new Set(rows.map((row) => row.newDocumentState.id))].sort();
  const handedTo = namedValues(rows.filter(handsOver), 'assigneeId').filter((id) => id !== '');
  const userIds = [...namedValues(rows, 'assigneeId'), ...namedValues(rows, 'requesterId')].filter((id) => id !== '');
  const result = await tx.query<{
    held: UserSummary[];
    tickets: Ticket[];
    users: UserSummary[];
    version: number;
    numbers: number[];
  }>(
    `SELECT (SELECT coalesce(json_agg(${USER_SUMMARY} ORDER BY h.id), '[]')
               FROM (SELECT id, doc, role, active, queue_ids FROM users WHERE id = ANY($3::text[]) AND NOT deleted
                      ORDER BY id FOR SHARE) h) AS held,
            (SELECT coalesce(json_agg(l.doc ORDER BY l.id), '[]')
               FROM (SELECT id, doc FROM tickets WHERE id = ANY($1::text[]) AND NOT deleted ORDER BY id FOR UPDATE) l)
              AS tickets,
            (SELECT coalesce(json_agg(${USER_SUMMARY}), '[]') FROM users WHERE id = ANY($2::text[]) AND NOT deleted)
              AS users,
            ${REFERENCE_VERSION_SQL} AS version,
            (SELECT coalesce(json_agg(nextval('ticket_number_seq')), '[]') FROM unnest($1::text[]) AS n(id)
              WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = n.id AND NOT t.deleted)) AS numbers`,
    [ids, userIds, handedTo],
    { prepare: true },
  );
  const row = result.rows[0];
  return {
    tickets: new Map<string, Ticket>((row?.tickets ?? []).map((doc) => [doc.id, doc])),
    // The locked read is the newer one where both name someone.
    users: new Map([...(row?.users ?? []), ...(row?.held ?? [])].map((user) => [user.id, user])),
    referenceVersion: row?.version ?? 0,
    numbers: (row?.numbers ?? []).map(Number).sort((a, b) => a - b),
  };
}

const USER_SUMMARY =
  "json_build_object('id', id, 'name', doc->>'name', 'role', role, 'active', active, 'queueIds', queue_ids)";

/** Whether a row may hand its ticket to someone new: a creation, or a change of assignee or queue. */
function handsOver(row: PushRowInput): boolean {
  const before = row.assumedMasterState;
  const after = row.newDocumentState;
  return before === null || before.assigneeId !== after.assigneeId || before.queueId !== after.queueId;
}

/** The ticket to write for `row`, or throws the row's outcome. Pure: every lookup was prefetched. */
function decideTicket(
  ctx: TicketBatchContext,
  row: PushRowInput,
  before: Ticket | null,
  now: Date,
): Omit<TicketChange, 'before'> {
  const id = row.newDocumentState.id;
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
    if (!canSeeTicket(ticketScope(ctx.actor), keysOf(before))) {
      throw new RowRefused('forbidden', 'This ticket is outside your queues or assignments', tombstone(id));
    }
    const assumed = row.assumedMasterState === null ? null : withoutReplicationFields(row.assumedMasterState);
    const incoming = withoutReplicationFields(row.newDocumentState);
    // A create of an existing id is idempotent when it carries the same content; otherwise RxDB's conflict rule.
    if (!sameClientState('tickets', before, assumed ?? incoming)) throw new RowConflict(asMaster(before));
    if (sameClientState('tickets', before, incoming)) {
      // Nothing to write. An update whose edits cancelled out may still carry the workstation's own values for
      // fields the server owns (a local updatedAt): answer with the master as a conflict so the replica takes the
      // server's values, since no new sequence will bring them. A repeated create needs no answer: its creation
      // had a sequence, so the pull brings the server's values.
      if (assumed === null || sameJson(withoutReplicationFields(before), incoming)) throw new RowUnchanged();
      throw new RowConflict(asMaster(before));
    }
  }

  const client = parseTicket(row.newDocumentState, before, now);
  checkReferences(ctx, client, before);
  const refusal = checkTicketWrite(ctx.actor, before, client, {
    queueName: (queueId) => ctx.reference.queues.get(queueId)?.name ?? queueId,
    user: (userId) => ctx.users.get(userId),
  });
  if (refusal) throw new RowRefused(refusal.code, refusal.message, before ? asMaster(before) : null);

  const after = withServerFields({
    client,
    before,
    newNumber: UNNUMBERED,
    now,
    earliestCreatedAt: ctx.earliestCreatedAt ?? now,
    reference: ctx.reference,
    onSlaConfigError: (error) => ctx.log.warn({ ticketId: id, reason: error.message }, 'SLA not computed'),
  });
  // The creation time the device claimed, when the server moved it into the device's offline span: audited.
  const moved = before === null && after.createdAt !== client.createdAt;
  return moved ? { after, notes: [{ field: 'claimedCreatedAt', from: null, to: client.createdAt }] } : { after };
}

/** The client's document with the server-owned fields set aside, validated against the shared schema. */
function parseTicket(raw: Record<string, unknown>, before: Ticket | null, now: Date): Ticket {
  const candidate = {
    ...withoutReplicationFields(raw),
    // A ticket created earlier in the same batch has no number yet.
    number: before?.number || null,
    // Settled on creation (withServerFields); a client's later value is ignored.
    createdAt: before?.createdAt ?? raw.createdAt,
    updatedAt: now.toISOString(),
    firstResponseAt: before?.firstResponseAt ?? null,
    resolvedAt: before?.resolvedAt ?? null,
    sla: before?.sla ?? emptySla('none'),
    slaDueAt: before?.slaDueAt ?? 0,
    slaWarnAt: before?.slaWarnAt ?? NO_DUE,
  };
  const parsed = TicketSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new RowRefused('validation', describeIssues(parsed.error), before ? asMaster(before) : null);
  }
  return parsed.data;
}

function checkReferences(ctx: TicketBatchContext, ticket: Ticket, before: Ticket | null): void {
  const master = before ? asMaster(before) : null;
  const refuse = (message: string) => new RowRefused('validation', message, master);
  if (!ctx.reference.queues.has(ticket.queueId)) throw refuse(`queueId: there is no queue ${ticket.queueId}`);
  const priority = priorityProblem(ticket);
  if (priority) throw refuse(priority);
  const changed = (field: 'requesterId' | 'catalogItemId') => before === null || before[field] !== ticket[field];
  if (changed('catalogItemId') && ticket.catalogItemId !== '' && !ctx.reference.catalog.has(ticket.catalogItemId)) {
    throw refuse(`catalogItemId: there is no catalog item ${ticket.catalogItemId}`);
  }
  if (changed('requesterId') && !ctx.users.get(ticket.requesterId)) {
    throw refuse(`requesterId: there is no user ${ticket.requesterId}`);
  }
}

/** Gives the tickets this batch creates their numbers, in the order they were accepted, from those drawn. */
function numbered(changes: TicketChange[], drawn: readonly number[]): TicketChange[] {
  const created = [...new Set(changes.filter((change) => change.before === null).map((change) => change.after.id))];
  if (created.length === 0) return changes;
  if (created.length > drawn.length)
    throw new Error(`${created.length} tickets created, ${drawn.length} numbers drawn`);
  const numbers = new Map(created.map((id, index) => [id, drawn[index] ?? UNNUMBERED]));
  const fix = (ticket: Ticket): Ticket =>
    ticket.number === UNNUMBERED ? { ...ticket, number: numbers.get(ticket.id) ?? UNNUMBERED } : ticket;
  return changes.map((change) => ({
    ...change,
    before: change.before && fix(change.before),
    after: fix(change.after),
  }));
}

async function writeTicketChanges(ctx: PushContext, tx: Queryable, changes: TicketChange[]): Promise<void> {
  const by = { actorId: ctx.actor.id, deviceId: ctx.deviceId };
  await writeChanges(ctx, tx, changes, by);
  // A change to a ticket that left the working set meanwhile brings it back (working-set.ts).
  const changed = changes.flatMap((change) => (change.before ? [change.after.id] : []));
  await bringBackWritten(ctx.db, tx, changed, new Date());
}

async function writeChanges(ctx: PushContext, tx: Queryable, changes: TicketChange[], by: WrittenBy): Promise<void> {
  if (changes.some(isMove)) {
    await writeMoves(ctx.db, tx, changes, by);
    return;
  }
  // Changes that move no ticket out of anyone's scope (the common case): one statement (store.ts), with sequence
  // numbers as offsets from the first one it reserves.
  const stamped = changes.map((change, offset) => ({ ...change, seq: offset }));
  await allocateAndWriteTickets(
    tx,
    stamped.length,
    latestOf(stamped),
    assigneeRecords(stamped),
    stamped.map((change) => changeAudit(change, by)),
    statementNotes(ctx.db, [{ c: 'tickets', k: changeKeys(stamped) }]),
  );
}

/** The next human ticket number (also used by intake). */
export async function nextTicketNumber(tx: Queryable): Promise<number> {
  const result = await tx.query<{ n: number }>("SELECT nextval('ticket_number_seq') AS n");
  const n = result.rows[0]?.n;
  if (n === undefined) throw new Error('ticket_number_seq returned nothing');
  return n;
}
