/**
 * The working set: what a workstation replicates of the tickets in its scope. The open (active) tickets, and the
 * done ones (resolved or closed) until `days` after they were done; older ones are read on demand (search, read by
 * id), so a desk's replicas stay the size of its current work however long its history grows.
 *
 * Pull serves a ticket (and its comments) only while it is in the working set: active, or done after the cutoff
 * (`memberSql`). The cutoff does not follow the clock by itself: `ageWorkingSet` moves it, and in the same
 * transaction records a scope exit for each ticket it passes (keys unchanged; the ticket is simply no longer in
 * anyone's working set) and gives their comments new sequence numbers, so pull sends the tombstones through the same
 * path as a ticket moved to another queue. When `days` grows (or is set to 0, the whole history), the cutoff moves
 * back and the tickets it passes are re-sequenced with their comments, so replicas pull them again. A ticket that
 * comes back by being reopened is a move too (ticket-writes/changes.ts), which re-sequences its comments.
 *
 * Every step is one transaction of at most `CHUNK` tickets under a lock on the working-set row, so any number of
 * server processes may run the job; a step that finds the row locked leaves it to the process holding it.
 *
 * One done ticket can also be brought back (`bringBack`) by someone who opened it from the server and will work on
 * it: it counts as done then (migration 013), so it stays the setting's days and leaves through the same cutoff. A
 * write to a ticket outside the working set brings it back too (`bringBackWritten`, from push).
 */
import type { Database, Queryable } from '../db/database';
import type { TicketKeys } from '../scope';
import { publishChanges } from './changes';
import { allocateSeqs } from './seq';
import { commentRuns, countCommentsOf, recordScopeExits, resequenceComments, totalComments } from './store';

/** Tickets per transaction. */
const CHUNK = 500;

/** Whether the ticket aliased `t` is in the working set (for pull's SQL). */
export const memberSql = (t: string) => `(${t}.done_at IS NULL OR ${t}.done_at > (SELECT cutoff FROM working_set))`;

export interface WorkingSetState {
  days: number;
  /** ISO instant, or null while the whole history is in the working set. */
  cutoff: string | null;
}

export async function workingSetState(db: Queryable): Promise<WorkingSetState> {
  const { rows } = await db.query<{ days: number; cutoff: string | null }>(
    `SELECT days, CASE WHEN cutoff = '-infinity' THEN NULL ELSE to_json(cutoff)#>>'{}' END AS cutoff FROM working_set`,
  );
  const row = rows[0];
  if (!row) throw new Error('working_set has no row: migrations did not run');
  return row;
}

/** Sets how long done tickets stay in the working set (0: for good); the next `ageWorkingSet` moves the cutoff. */
export async function setWorkingSetDays(db: Queryable, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working-set days must be a whole number ≥ 0: ${days}`);
  await db.query('UPDATE working_set SET days = $1', [days]);
}

export interface AgingOutcome {
  /** Tickets that left the working set. */
  left: number;
  /** Tickets that came back into it. */
  returned: number;
}

/** Moves the cutoff to where `days` and `now` put it, step by step; returns how many tickets it passed. */
export async function ageWorkingSet(db: Database, now: Date, chunk = CHUNK): Promise<AgingOutcome> {
  const outcome: AgingOutcome = { left: 0, returned: 0 };
  for (;;) {
    const step = await db.transaction((tx) => ageStep(db, tx, now, chunk));
    if (step === 'busy' || step === 'done') return outcome;
    outcome[step.direction] += step.tickets;
  }
}

type Step = 'busy' | 'done' | { direction: keyof AgingOutcome; tickets: number };

async function ageStep(db: Database, tx: Queryable, now: Date, chunk: number): Promise<Step> {
  const locked = await tx.query<{ days: number; cutoff: string; target: string; ahead: boolean }>(
    `SELECT days, cutoff::text AS cutoff, target::text AS target, target > cutoff AS ahead
       FROM (SELECT days, cutoff,
                    CASE WHEN days = 0 THEN '-infinity'::timestamptz
                         ELSE $1::timestamptz - make_interval(days => days) END AS target
               FROM working_set FOR UPDATE SKIP LOCKED) w`,
    [now.toISOString()],
  );
  const state = locked.rows[0];
  if (!state) return 'busy';
  if (state.cutoff === state.target) return 'done';
  return state.ahead
    ? leave(db, tx, state.cutoff, state.target, chunk)
    : comeBack(db, tx, state.cutoff, state.target, chunk);
}

/** Tickets done in (cutoff, target], a chunk of them with the ties of its last instant, leave the working set. */
async function leave(db: Database, tx: Queryable, cutoff: string, target: string, chunk: number): Promise<Step> {
  const edge = await tx.query<{ at: string }>(
    `SELECT least($2::timestamptz, coalesce(
              (SELECT done_at FROM tickets WHERE done_at > $1::timestamptz AND done_at <= $2::timestamptz
                ORDER BY done_at OFFSET $3 LIMIT 1), $2::timestamptz))::text AS at`,
    [cutoff, target, chunk - 1],
  );
  const until = edge.rows[0]?.at ?? target;
  const { rows } = await tx.query<{ id: string; queue_id: string; assignee_id: string; requester_id: string }>(
    `SELECT id, queue_id, assignee_id, requester_id FROM tickets
      WHERE done_at > $1::timestamptz AND done_at <= $2::timestamptz AND NOT deleted ORDER BY done_at, id`,
    [cutoff, until],
  );
  const ids = rows.map((row) => row.id);
  const comments = await countCommentsOf(tx, ids);
  if (ids.length > 0) {
    const first = await allocateSeqs(tx, ids.length + totalComments(comments));
    await recordScopeExits(
      tx,
      rows.map((row, i) => ({
        ticketId: row.id,
        seq: first + i,
        before: { queueId: row.queue_id, assigneeId: row.assignee_id, requesterId: row.requester_id },
      })),
    );
    await resequenceComments(tx, commentRuns(ids, comments, first + ids.length));
    await announce(db, tx, first, ids.length, totalComments(comments));
  }
  await tx.query('UPDATE working_set SET cutoff = $1::timestamptz', [until]);
  return { direction: 'left', tickets: ids.length };
}

/**
 * Tickets done in (target, cutoff], a chunk of them from the newest back with the ties of its oldest instant, come
 * back into the working set: new sequence numbers for them and their comments, so replicas pull them.
 */
async function comeBack(db: Database, tx: Queryable, cutoff: string, target: string, chunk: number): Promise<Step> {
  const edge = await tx.query<{ at: string }>(
    `SELECT greatest($2::timestamptz, coalesce(
              (SELECT done_at FROM tickets WHERE done_at > $2::timestamptz AND done_at <= $1::timestamptz
                ORDER BY done_at DESC OFFSET $3 LIMIT 1), $2::timestamptz))::text AS at`,
    [cutoff, target, chunk - 1],
  );
  const from = edge.rows[0]?.at ?? target;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM tickets
      WHERE done_at >= $2::timestamptz AND done_at > $3::timestamptz AND done_at <= $1::timestamptz AND NOT deleted
      ORDER BY done_at DESC, id`,
    [cutoff, from, target],
  );
  const ids = rows.map((row) => row.id);
  const comments = await countCommentsOf(tx, ids);
  if (ids.length > 0) {
    const first = await allocateSeqs(tx, ids.length + totalComments(comments));
    await tx.query(
      `UPDATE tickets t SET seq = $2::bigint + o.n - 1
         FROM unnest($1::text[]) WITH ORDINALITY AS o(id, n) WHERE t.id = o.id`,
      [ids, first],
    );
    await resequenceComments(tx, commentRuns(ids, comments, first + ids.length));
    await announce(db, tx, first, ids.length, totalComments(comments));
  }
  // Everything done after the new cutoff is in the working set: the target once every ticket back to it came, else
  // just below the oldest instant that came back.
  await tx.query(
    `UPDATE working_set SET cutoff = CASE WHEN $2 THEN $1::timestamptz
                                          ELSE $1::timestamptz - interval '1 microsecond' END`,
    [from, from === target],
  );
  return { direction: 'returned', tickets: ids.length };
}

/**
 * Brings ticket `id` back into the working set, as if it were done `now` (or just after the cutoff, should that be
 * later): new sequence numbers for it and its
 * comments, so every replica whose scope holds it pulls them. Returns false when it is in the working set already
 * (or does not exist: the caller has checked that it does). Locks the ticket's row, so it waits for a write of the
 * ticket in flight.
 */
export async function bringBack(db: Database, tx: Queryable, id: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query<{ member: boolean; queue_id: string; assignee_id: string; requester_id: string }>(
    `SELECT ${memberSql('t')} AS member, queue_id, assignee_id, requester_id
       FROM tickets t WHERE id = $1 AND NOT deleted FOR UPDATE OF t`,
    [id],
  );
  const row = rows[0];
  if (!row || row.member) return false;
  const keys: TicketKeys = { queueId: row.queue_id, assigneeId: row.assignee_id, requesterId: row.requester_id };
  const comments = await countCommentsOf(tx, [id]);
  const first = await allocateSeqs(tx, 1 + totalComments(comments));
  // Past the cutoff even when another process's clock, ahead of this one's, moved it.
  await tx.query(
    `UPDATE tickets SET seq = $3,
            brought_back_at = greatest($2::timestamptz, (SELECT cutoff FROM working_set) + interval '1 millisecond')
      WHERE id = $1`,
    [id, now.toISOString(), first],
  );
  await resequenceComments(tx, commentRuns([id], comments, first + 1));
  await publishChanges(db, tx, [
    { c: 'tickets', s: first, k: [keys] },
    ...(totalComments(comments) > 0 ? [{ c: 'comments' as const, s: first + totalComments(comments), k: [keys] }] : []),
  ]);
  return true;
}

/**
 * Brings back those of tickets `ids` that are outside the working set, after a write to them (a change or a comment
 * made on a workstation before it learnt that the ticket had left, a requester's reply): someone works on them again.
 * Pull serves only tickets in the working set, so without this the writer's replica would keep a ticket, or a comment,
 * that pull never sends again. One query when none is outside, the common case.
 */
export async function bringBackWritten(db: Database, tx: Queryable, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM tickets t WHERE id = ANY($1::text[]) AND NOT deleted AND NOT ${memberSql('t')} ORDER BY id`,
    [[...new Set(ids)]],
    // Every push runs it: parsed and planned once (PGlite plans each statement anew otherwise).
    { prepare: true },
  );
  for (const row of rows) await bringBack(db, tx, row.id, now);
}

/** Tells the live streams: every reader of tickets and comments pulls (a bulk change, no keys). */
async function announce(db: Database, tx: Queryable, first: number, tickets: number, comments: number) {
  const last = first + tickets - 1;
  await publishChanges(db, tx, [
    { c: 'tickets', s: last },
    ...(comments > 0 ? [{ c: 'comments' as const, s: last + comments }] : []),
  ]);
}
