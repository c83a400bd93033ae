import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../db/database-per-test';
import { TEST_ENGINES } from '../db/test-databases';
import { countHit, sweepRateLimits } from './rate-limit-store';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_ENGINES)('rate limit counters on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('counts hits per key within a window, and starts again when it ends', async () => {
    const db = await openDb();
    const hits = async (key: string, windowMs: number) => (await countHit(db, key, windowMs, 3, false)).current;
    expect([await hits('a', 1500), await hits('a', 1500), await hits('b', 1500), await hits('a', 1500)]).toEqual([
      1, 2, 1, 3,
    ]);
    await sleep(1600);
    expect(await hits('a', 1500)).toBe(1);
  });

  it('backs off: every hit over the limit doubles the wait, up to the cap', async () => {
    const db = await openDb();
    const waits: number[] = [];
    for (let i = 0; i < 9; i += 1) waits.push((await countHit(db, 'k', MINUTE, 2, { maxBackoffMs: 8 * MINUTE })).ttl);
    const minutes = waits.map((ms) => Math.round(ms / MINUTE));
    // Within the limit the window runs on; past it 1, 2, 4, 8 minutes, then the cap.
    expect(minutes).toEqual([1, 1, 1, 2, 4, 8, 8, 8, 8]);
  });

  it('keeps only counters whose window or back-off has not ended', async () => {
    const db = await openDb();
    await countHit(db, 'short', 100, 5, false);
    await countHit(db, 'long', MINUTE, 5, false);
    await sleep(200);
    expect(await sweepRateLimits(db)).toBe(1);
    const left = await db.query<{ key: string }>('SELECT key FROM rate_limits');
    expect(left.rows).toEqual([{ key: 'long' }]);
  });
});
