import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { openTestDatabase, TEST_ENGINES, type TestStorage } from '../db/test-databases';
import { SessionStreamCap } from './stream-cap';

const silent = { warn: () => undefined };

/**
 * Caps on one database listen and notify as server processes do. On PostgreSQL each has a connection pool and a
 * LISTEN connection of its own; PGlite is one process by nature, so there they share it.
 */
describe.each(TEST_ENGINES)('the per-session stream cap across processes, on %s', (engine) => {
  let storage: TestStorage;
  let first: Database;
  const opened: Database[] = [];
  const caps: SessionStreamCap<string>[] = [];
  const ended: string[] = [];

  beforeEach(async () => {
    ({ db: first, storage } = await openTestDatabase(engine));
    opened.push(first);
  });

  async function serverProcess(max = 2): Promise<SessionStreamCap<string>> {
    const cap = new SessionStreamCap<string>(max, (stream) => ended.push(stream), silent);
    let db = first;
    if (engine === 'postgres' && caps.length > 0) {
      db = await openDatabase(storage.options);
      opened.push(db);
    }
    await cap.start(db);
    caps.push(cap);
    return cap;
  }
  /** Lets every notice sent so far reach every process. */
  async function settle(): Promise<void> {
    const db = first;
    for (let round = 0; round < 3; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await db.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  afterEach(async () => {
    await Promise.all(caps.splice(0).map((cap) => cap.close()));
    await Promise.all(opened.splice(0).map((db) => db.close()));
    await storage.drop();
    ended.length = 0;
  });

  it('ends the oldest stream of a session in this process at once, and leaves other sessions alone', async () => {
    const a = await serverProcess();
    a.opened('a1', 'session');
    a.opened('other', 'another session');
    a.opened('a2', 'session');
    expect(ended).toEqual([]);
    a.opened('a3', 'session');
    expect(ended).toEqual(['a1']);
  });

  it('counts the streams a session has on another process', async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    a.opened('a1', 'session');
    a.opened('a2', 'session');
    await settle();
    b.opened('b1', 'session');
    await settle();
    expect(ended).toEqual(['a1']);
    b.opened('b2', 'session');
    await settle();
    expect(ended).toEqual(['a1', 'a2']);
  });

  it('stops counting a stream once it ends on its process', async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    a.opened('a1', 'session');
    a.opened('a2', 'session');
    await settle();
    b.opened('b1', 'session');
    await settle();
    expect(ended).toEqual(['a1']);
    b.closed('b1');
    await settle();
    b.opened('b2', 'session');
    await settle();
    expect(ended).toEqual(['a1']);
  });

  it('forgets the streams of a process that shut down', async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    a.opened('a1', 'session');
    await settle();
    b.opened('b1', 'session');
    await settle();
    await b.close();
    caps.splice(caps.indexOf(b), 1);
    await settle();
    a.opened('a2', 'session');
    await settle();
    expect(ended).toEqual([]);
  });
});
