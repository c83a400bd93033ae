/**
 * The server-wide change numbers: every write of a replicated row stamps it with a new, unique number, and pull
 * serves rows in that order (checkpoint = last number served).
 *
 * Guarantee: a reader never skips a change still in flight, yet writers never wait for each other's commits.
 * Numbers come from a PostgreSQL sequence (migration 012), so they are handed out in the order writers ask, not the
 * order they commit. Each writer marks itself in flight before it draws numbers (an advisory lock naming the
 * sequence's value at that moment, released when it commits or rolls back), and readers stop at `safe`
 * (`changeWatermark`): below the lowest mark, every number is committed or abandoned for good. The argument is in
 * docs/architecture-notes.md ("Change numbers").
 */
import type { Queryable } from '../db/database';

/**
 * Reserves `count` consecutive numbers for the calling transaction and returns the first. May be called anywhere in
 * a write transaction, more than once; the transaction holds up readers (not writers) until it ends.
 */
export async function allocateSeqs(tx: Queryable, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`cannot allocate ${count} sequence numbers`);
  const result = await tx.query<{ first: number }>('SELECT reserve_change_numbers($1) AS first', [count], {
    prepare: true,
  });
  const first = result.rows[0]?.first;
  if (first === undefined || first === null) throw new Error('change numbers are missing: migrations did not run');
  return first;
}

export interface Watermark {
  /** The newest number handed out: a checkpoint above it comes from another database (or one reset since). */
  latest: number;
  /** Every change numbered at or below this is committed, or was rolled back and will never appear. */
  safe: number;
}

/**
 * Where reads may go up to. Must be its own statement, run before the statement that reads the rows: that one's
 * snapshot has to be taken after the in-flight marks were read (not inside a REPEATABLE READ transaction begun
 * earlier).
 */
export async function changeWatermark(db: Queryable): Promise<Watermark> {
  const result = await db.query<Watermark>('SELECT latest, safe FROM change_watermark()', [], { prepare: true });
  const row = result.rows[0];
  if (!row || row.latest === null) throw new Error('change numbers are missing: migrations did not run');
  return row;
}

/**
 * Where a reader that read up to `safe` goes on from: the last row of a full page (more may follow), else the
 * watermark itself. Never back past `cursor`: the watermark may stand below one it gave earlier (a writer that read
 * the sequence before that reading marked itself after it, and draws numbers above it).
 */
export function nextCursor(cursor: number, page: { full: boolean; last: number | null }, safe: number): number {
  return page.full && page.last !== null ? page.last : Math.max(cursor, safe);
}

/** The newest number handed out (health, tests): not a bound for reading (see changeWatermark), and no marks read. */
export async function currentSeq(db: Queryable): Promise<number> {
  const result = await db.query<{ latest: number | null }>("SELECT pg_sequence_last_value('change_numbers') AS latest");
  const latest = result.rows[0]?.latest;
  if (latest === undefined || latest === null) throw new Error('change numbers are missing: migrations did not run');
  return latest;
}
