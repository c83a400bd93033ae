import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';
import { DEFAULT_PG_WAITS } from '../../server/db/pg';
import { testStorage } from '../../server/db/test-databases';
import { Api, newTicket, startTestServer, type TestServer } from './harness';

/**
 * A server process that stops in the middle of a write (paused, swapped out, cut off from the network) holds the
 * change-sequence row lock that every write takes. With the default bounded waits (db/pg.ts), PostgreSQL ends its
 * idle transaction after 4 s and writes through the other processes go on; meanwhile they answer a retryable 503
 * instead of hanging. PostgreSQL only: PGlite is one process by nature.
 */
describe.runIf(process.env.DATABASE_URL)('a stuck server process on PostgreSQL', () => {
  let server: TestServer;
  let stuck: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await testStorage('postgres');
    drop = created.drop;
    // The production bounds (the suite's databases wait longer: test-databases.ts).
    const storage = { ...created, options: { ...created.options, waits: DEFAULT_PG_WAITS } };
    server = await startTestServer('postgres', { storage });
    // Another process on the same database, with the same settings as every server process.
    stuck = await openDatabase(storage.options);
  });
  afterAll(async () => {
    await stuck?.close();
    await server?.stop();
    await drop?.();
  });

  it('holds up writes elsewhere for seconds at most, and its own write is rolled back', async () => {
    const supervisor = await Api.login(server.url, 'supervisor@demo.local');
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const stuckTicket = newTicket({ queueId: 'q-network', title: 'Written by the stuck process' });
    const stuckWrite = stuck.transaction(async (tx) => {
      await tx.query('SELECT value FROM change_seq FOR UPDATE');
      await tx.query(
        `INSERT INTO tickets (id, number, queue_id, assignee_id, requester_id, doc, seq)
                      VALUES ($1, 999999, 'q-network', '', 'u-requester', '{}'::jsonb, 0)`,
        [stuckTicket.id],
      );
      locked();
      // The process stops here for 12 s, its transaction open.
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      await tx.query('SELECT 1');
    });
    const stuckOutcome = stuckWrite.then(
      () => 'committed',
      () => 'rolled back',
    );
    await holding;
    const started = Date.now();

    // A push while the lock is held gets an answer: a 503 to retry, not a hang.
    const first = await supervisor.push('tickets', [
      { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-network' }) },
    ]);
    expect(first.status).toBe(503);
    expect((first.body as unknown as { error: string }).error).toMatch(/busy.*nothing was saved/);

    // Retrying as the workstation does, writes go through again within 5 s of the stop.
    let accepted = false;
    while (!accepted && Date.now() - started < 10_000) {
      const retry = await supervisor.push('tickets', [
        { assumedMasterState: null, newDocumentState: newTicket({ queueId: 'q-network' }) },
      ]);
      accepted = retry.status === 200;
      if (!accepted) expect(retry.status).toBe(503);
    }
    expect(accepted).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);

    expect(await stuckOutcome).toBe('rolled back');
    const { rows } = await server.db.query('SELECT 1 FROM tickets WHERE id = $1', [stuckTicket.id]);
    expect(rows).toEqual([]);
  }, 30_000);
});
