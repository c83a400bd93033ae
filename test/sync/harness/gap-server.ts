import { buildServer } from '../../../server/app';
import type { Engine } from '../../../server/db/database';
import { openTestDatabase } from '../../../server/db/test-databases';
import { seedDemo } from '../../../server/demo/seed';
import { CHANGES_CHANNEL } from '../../../server/sync/changes';
import { lossyDatabase } from './lossy-database';

/**
 * The real sync server (buildServer, demo users, no tickets) on a database whose change notes a test can lose, as
 * notes are lost while the server's LISTEN connection is down. `gap()` then makes the LISTEN side report the gap:
 * on PostgreSQL for real (the LISTEN connection is terminated; it reconnects and reports it), on PGlite, whose
 * notifications are in-process and never lost, by calling the server's gap handler as the database would.
 */
export interface GapServer {
  url: string;
  /** Runs `write`; the change notes it causes never reach the server's live streams (resolves once one was lost). */
  loseNotes(write: () => Promise<void>): Promise<void>;
  gap(): Promise<void>;
  stop(): Promise<void>;
}

export async function startGapServer(engine: Engine): Promise<GapServer> {
  const { db, storage } = await openTestDatabase(engine);
  await seedDemo(db, { tickets: 0 });
  const lossy = lossyDatabase(db);
  const app = await buildServer({ db: lossy.db, logger: false, loginAttemptsPerMinute: 1000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    loseNotes: lossy.loseNotes,
    async gap() {
      if (engine === 'postgres') {
        // The LISTEN connection's last statement names its (schema-scoped) channel.
        const channel = db.notifyChannel(CHANGES_CHANNEL);
        const ended = await db.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND query LIKE $1`,
          [`%${channel.slice(CHANGES_CHANNEL.length)}"`],
        );
        if (ended.rowCount < 1) throw new Error('no LISTEN connection found');
      } else {
        lossy.reportGap();
      }
    },
    async stop() {
      await app.close();
      await db.close();
      await storage.drop();
    },
  };
}
