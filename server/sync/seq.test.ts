import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Engine, Queryable } from '../db/database';
import { openDatabase } from '../db/open';
import { openTestDatabase, TEST_ENGINES, type TestStorage } from '../db/test-databases';
import { allocateSeqs, changeWatermark, nextCursor } from './seq';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Change numbers (seq.ts, migration 012) under concurrency. On PostgreSQL two "server processes" (a connection pool
 * each) write and read one database; PGlite is one process by nature, so there they share it and writes take turns.
 */
/** Reads rows after `cursor` as pull does: the watermark on its own, then a page up to it. */
async function readPage(db: Queryable, cursor: number, limit: number): Promise<{ seqs: number[]; next: number }> {
  const { safe } = await changeWatermark(db);
  const { rows } = await db.query<{ seq: number }>(
    'SELECT seq FROM probe WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
    [cursor, safe, limit],
  );
  const seqs = rows.map((row) => row.seq);
  return { seqs, next: nextCursor(cursor, { full: seqs.length === limit, last: seqs.at(-1) ?? null }, safe) };
}

/** Two server processes on one fresh database, with a table of numbered rows. */
function twoProcesses(engine: Engine): { first: () => Database; second: () => Database } {
  let storage: TestStorage;
  let first: Database;
  let second: Database;
  beforeEach(async () => {
    ({ db: first, storage } = await openTestDatabase(engine));
    second = engine === 'postgres' ? await openDatabase(storage.options) : first;
    await first.query('CREATE TABLE probe (seq bigint PRIMARY KEY)');
  });
  afterEach(async () => {
    if (second !== first) await second.close();
    await first.close();
    await storage.drop();
  });
  return { first: () => first, second: () => second };
}

describe.each(TEST_ENGINES)('change numbers on %s', (engine) => {
  const processes = twoProcesses(engine);

  it('a reader following writers on two processes misses no committed change and sees none twice', async () => {
    const written = new Set<number>();
    let writing = true;
    // Writers reserve numbers, dawdle so later numbers commit first, and now and then roll back.
    const writer = async (db: Database, round: number) => {
      for (let i = 0; i < 25; i += 1) {
        const count = 1 + ((round + i) % 3);
        const seqs = await db
          .transaction(async (tx) => {
            const start = await allocateSeqs(tx, count);
            await pause((round * 7 + i * 5) % 13);
            const mine = Array.from({ length: count }, (_, k) => start + k);
            await tx.query('INSERT INTO probe (seq) SELECT unnest($1::bigint[])', [mine]);
            if ((round + i) % 9 === 4) throw new Error('rolled back');
            return mine;
          })
          .catch(() => []);
        for (const seq of seqs) written.add(seq);
      }
    };
    const seen: number[] = [];
    const reader = async () => {
      let cursor = 0;
      for (let turn = 0; ; turn += 1) {
        const done = !writing;
        const page = await readPage(turn % 2 === 0 ? processes.first() : processes.second(), cursor, 5);
        seen.push(...page.seqs);
        cursor = page.next;
        if (done && page.seqs.length < 5) return;
        await pause(1);
      }
    };
    const reading = reader();
    const [first, second] = [processes.first(), processes.second()];
    await Promise.all([0, 1, 2, 3, 4, 5].map((round) => writer(round % 2 === 0 ? first : second, round)));
    writing = false;
    await reading;

    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...written].sort((a, b) => a - b));
    expect(written.size).toBeGreaterThan(200);
  });
});

describe.runIf(process.env.DATABASE_URL)('change numbers on PostgreSQL', () => {
  const processes = twoProcesses('postgres');

  it('a write in flight holds up readers, not writers: another process reserves and commits meanwhile', async () => {
    const [first, second] = [processes.first(), processes.second()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reserved!: (seq: number) => void;
    const heldSeq = new Promise<number>((resolve) => {
      reserved = resolve;
    });
    const inFlight = first.transaction(async (tx) => {
      const seq = await allocateSeqs(tx, 1);
      await tx.query('INSERT INTO probe (seq) VALUES ($1)', [seq]);
      reserved(seq);
      await held;
    });
    const slow = await heldSeq;

    const fast = await second.transaction(async (tx) => {
      const seq = await allocateSeqs(tx, 2);
      await tx.query('INSERT INTO probe (seq) VALUES ($1), ($2)', [seq, seq + 1]);
      return seq;
    });
    expect(fast).toBe(slow + 1);
    // Committed, but below it a write is in flight: readers wait for it.
    expect(await readPage(second, 0, 10)).toEqual({ seqs: [], next: slow - 1 });

    release();
    await inFlight;
    expect(await readPage(second, slow - 1, 10)).toEqual({ seqs: [slow, fast, fast + 1], next: fast + 1 });
  });
});
