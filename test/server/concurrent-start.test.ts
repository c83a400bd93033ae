import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/app';
import { demoCatalog, demoQueues, demoUsers } from '../../server/demo/base-data';
import { demoRoutingRules } from '../../server/demo/intake-seed';
import { countRows, type ProcessStorage, processStorage, runServer, type ServerProcess } from './processes';

/**
 * Three servers started at once with --demo on an empty PostgreSQL: two crashed on a duplicate key and the reference
 * data was seeded three times (issue 20). Seeding, like migrating, runs under a lock: all three come up and the demo
 * desk exists once.
 */
describe.runIf(process.env.DATABASE_URL)('concurrent first starts on one PostgreSQL', () => {
  const storages: ProcessStorage[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    for (const storage of storages) await storage.drop();
  });

  /** An empty schema of its own. */
  const emptySchema = async () => {
    const storage = await processStorage('postgres');
    storages.push(storage);
    return storage;
  };

  /** The demo desk, once: every row of the reference data and of the demo tickets exactly one time. */
  const expectOneDemoDesk = async (storage: ProcessStorage, tickets: number) => {
    const now = new Date();
    expect(
      await countRows(storage.options, ['users', 'queues', 'catalog', 'routing_rules', 'api_keys', 'tickets']),
    ).toEqual({
      users: demoUsers(now).length,
      queues: demoQueues(now).length,
      catalog: demoCatalog(now).length + 1,
      routing_rules: demoRoutingRules(now).length,
      api_keys: 1,
      tickets,
    });
  };

  it('brings up three server processes started at once and seeds the demo desk once', async () => {
    const storage = await emptySchema();
    const env = { ...storage.env, SLA_INTERVAL_SECONDS: '0' };
    for (let i = 0; i < 3; i++) servers.push(runServer(['--demo', '--tickets', '20', '--port', '0'], env));
    const urls = await Promise.all(servers.map((server) => server.ready));
    for (const url of urls) expect((await fetch(`${url}/api/health`)).status).toBe(200);
    await expectOneDemoDesk(storage, 20);
  }, 240_000);

  it('starts three servers in one process at once on one empty schema, with one demo desk', async () => {
    const storage = await emptySchema();
    const started = await Promise.allSettled(
      [1, 2, 3].map(() =>
        startServer({ ...storage.options, port: 0, logger: false, slaIntervalMs: 0, demo: { tickets: 20 } }),
      ),
    );
    const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    await Promise.all(running.map((server: RunningServer) => server.close()));
    expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual([
      'started',
      'started',
      'started',
    ]);
    await expectOneDemoDesk(storage, 20);
  }, 240_000);
});
