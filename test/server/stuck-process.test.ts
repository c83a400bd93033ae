import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';
import { DEFAULT_PG_WAITS } from '../../server/db/pg';
import { testStorage } from '../../server/db/test-databases';
import { allocateSeqs } from '../../server/sync/seq';
import { Api, newTicket, startTestServer, type TestServer } from './harness';

/**
 * A server process that stops in the middle of a write (paused, swapped out, cut off from the network) has reserved
 * change numbers and holds its in-flight mark (sync/seq.ts). Writers elsewhere never wait for it; readers stop below
 * its numbers, so a change made meanwhile reaches replicas once PostgreSQL ends the stuck transaction (the default
 * bounded waits, db/pg.ts: after 4 s idle), which rolls back its write. PostgreSQL only: PGlite is one process by
 * nature.
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

  it('holds up no write elsewhere, holds up reads for seconds at most, and its own write is rolled back', async () => {
    const supervisor = await Api.login(server.url, 'supervisor@demo.local');
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const stuckTicket = newTicket({ queueId: 'q-network', title: 'Written by the stuck process' });
    const before = (await supervisor.pullAll('tickets')).checkpoint;
    const stuckWrite = stuck.transaction(async (tx) => {
      const seq = await allocateSeqs(tx, 1);
      await tx.query(
        `INSERT INTO tickets (id, number, queue_id, assignee_id, requester_id, doc, seq)
                      VALUES ($1, 999999, 'q-network', '', 'u-requester', '{}'::jsonb, $2)`,
        [stuckTicket.id, seq],
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

    // Writes go on at once: no 503, no wait.
    const ticket = newTicket({ queueId: 'q-network', title: 'Written while another process is stuck' });
    const pushed = await supervisor.push('tickets', [{ assumedMasterState: null, newDocumentState: ticket }]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.conflicts).toEqual([]);

    // Readers stop below the stuck write's number until it ends, then the change arrives.
    const served = async () =>
      (await supervisor.pullAll('tickets', before)).documents.some((doc) => doc.id === ticket.id);
    expect(await served()).toBe(false);
    let arrived = false;
    while (!arrived && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      arrived = await served();
    }
    expect(arrived).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);

    expect(await stuckOutcome).toBe('rolled back');
    const { rows } = await server.db.query('SELECT 1 FROM tickets WHERE id = $1', [stuckTicket.id]);
    expect(rows).toEqual([]);
  }, 30_000);
});
