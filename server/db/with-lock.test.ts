import { describe, expect, it } from 'vitest';
import { databasePerTest } from './database-per-test';
import { TEST_ENGINES } from './test-databases';

describe.each(TEST_ENGINES)('withLock on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('runs the holders of one key one after the other, even when one fails, and other keys meanwhile', async () => {
    const db = await openDb();
    const events: string[] = [];
    let release = () => {};
    const first = db.withLock(7, async () => {
      events.push('first in');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      events.push('first out');
      throw new Error('first failed');
    });
    const second = db.withLock(7, async () => {
      events.push('second in');
      return 'second done';
    });
    await db.withLock(8, async () => {
      events.push('other key');
    });
    await expect.poll(() => events).toContain('first in');
    release();
    await expect(first).rejects.toThrow('first failed');
    expect(await second).toBe('second done');
    expect(events.filter((e) => e !== 'other key')).toEqual(['first in', 'first out', 'second in']);
    expect(events.indexOf('other key')).toBeLessThan(events.indexOf('first out'));
  });
});
