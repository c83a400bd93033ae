/**
 * The server-wide change sequence: every write of a replicated row stamps it with a new, unique number, and pull
 * serves rows in that order (checkpoint = last number seen).
 *
 * Guarantee: sequence order equals commit order, so a puller can never skip a change that was still in flight.
 * Writers call `allocateSeqs` as the LAST step before their final writes: the UPDATE takes the counter row's lock
 * and holds it until commit, so a later writer cannot obtain a number until every earlier holder has committed or
 * rolled back. A snapshot that sees the counter at N therefore sees every row stamped ≤ N.
 */
import type { Queryable } from '../db/database';

/** Reserves `count` consecutive numbers and returns the first. Call last in a write transaction. */
export async function allocateSeqs(tx: Queryable, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`cannot allocate ${count} sequence numbers`);
  const result = await tx.query<{ value: number }>('UPDATE change_seq SET value = value + $1 RETURNING value', [count]);
  const last = result.rows[0]?.value;
  if (last === undefined) throw new Error('change_seq has no row: migrations did not run');
  return last - count + 1;
}

export async function currentSeq(db: Queryable): Promise<number> {
  const result = await db.query<{ value: number }>('SELECT value FROM change_seq');
  return result.rows[0]?.value ?? 0;
}
