import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { databasePerTest } from '../db/database-per-test';
import { TEST_ENGINES } from '../db/test-databases';
import { SessionCache } from './session-cache';
import { createSession } from './sessions';

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

async function withUser(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO users (id, email, password_hash, role, queue_ids, active, doc, seq, deleted)
     VALUES ('u1', 'u1@example.com', '', 'agent', '{}', true, '{"id":"u1","role":"agent"}', 1, false)`,
  );
}

/** The database, counting session reads and use writes, and able to hold the next read until `release` is called. */
function watched(db: Database) {
  let reads = 0;
  let useWrites = 0;
  let hold: Promise<void> | null = null;
  let release = () => {};
  const counted: Database = {
    ...db,
    async query(sql, params) {
      if (sql.includes('FROM sessions s JOIN users')) {
        reads += 1;
        if (hold) await hold;
      }
      if (sql.includes('SET last_used_at')) useWrites += 1;
      return db.query(sql, params);
    },
  };
  return {
    db: counted,
    reads: () => reads,
    useWrites: () => useWrites,
    holdNextRead() {
      hold = new Promise((resolve) => {
        release = () => {
          hold = null;
          resolve();
        };
      });
      return () => release();
    },
  };
}

describe.each(TEST_ENGINES)('session cache on %s', (engine) => {
  const openDb = databasePerTest(engine);
  let cache: SessionCache | undefined;
  // Registered after the database's: hooks run in reverse, so the cache stops listening before the database closes.
  afterEach(async () => {
    await cache?.close();
  });

  async function setUp(clock: () => number = Date.now, idleMs = 8 * HOUR) {
    const plain = await openDb();
    await withUser(plain);
    const db = watched(plain);
    cache = new SessionCache(db.db, { clock, idleMs });
    await cache.start();
    const { token } = await createSession(plain, 'u1', 'device', HOUR, new Date(clock()));
    return { plain, db, cache, token };
  }

  it('reads a session once, and judges its expiry by the clock on every use', async () => {
    let now = Date.now();
    const { db, cache, token } = await setUp(() => now);
    expect((await cache.find(token)).ok).toBe(true);
    expect((await cache.find(token)).ok).toBe(true);
    expect(db.reads()).toBe(1);
    now += HOUR;
    expect(await cache.find(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('ends a session left unused for the idle time, and keeps one in use alive', async () => {
    let now = Date.now();
    const { cache, token } = await setUp(() => now, 10 * MINUTE);
    for (let i = 0; i < 3; i += 1) {
      expect((await cache.find(token)).ok).toBe(true);
      now += 9 * MINUTE;
    }
    now += 2 * MINUTE;
    expect(await cache.find(token)).toEqual({ ok: false, reason: 'idle' });
  });

  it('records uses in one write per batch, not one per request', async () => {
    let now = Date.now();
    const { plain, db, cache, token } = await setUp(() => now);
    for (let i = 0; i < 50; i += 1) {
      now += 1000;
      expect((await cache.find(token)).ok).toBe(true);
    }
    expect(db.useWrites()).toBe(0);
    await cache.close();
    expect(db.useWrites()).toBe(1);
    const stored = await plain.query<{ last_used_at: Date }>('SELECT last_used_at FROM sessions');
    expect(new Date(stored.rows[0]?.last_used_at ?? 0).getTime()).toBe(now);
  });

  it('does not end a session as idle that was used through another server process', async () => {
    let now = Date.now();
    const { db, cache, token } = await setUp(() => now, 10 * MINUTE);
    expect((await cache.find(token)).ok).toBe(true);
    now += 9 * MINUTE;
    const other = new SessionCache(db.db, { clock: () => now, idleMs: 10 * MINUTE });
    await other.start();
    expect((await other.find(token)).ok).toBe(true);
    await other.close(); // writes its use
    now += 9 * MINUTE;
    // 18 minutes since this process saw the session used, 9 since the other did.
    expect((await cache.find(token)).ok).toBe(true);
  });

  it('forgets a session changed behind its back (by SQL) and answers with the change', async () => {
    const { plain, db, cache, token } = await setUp();
    await cache.find(token);
    await plain.query('UPDATE sessions SET revoked_at = now()');
    await expect.poll(async () => (await cache.find(token)).ok === false && db.reads()).toBe(2);
    expect(await cache.find(token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('does not remember a read that a change overtook', async () => {
    const { db, cache, token } = await setUp();
    const release = db.holdNextRead();
    const reading = cache.find(token);
    await expect.poll(() => db.reads()).toBe(1);
    // The read has started; a change to the user is heard before it returns, so what it read may be stale.
    cache.forgetUser('u1');
    release();
    expect((await reading).ok).toBe(true);
    await cache.find(token);
    expect(db.reads()).toBe(2);
  });
});
