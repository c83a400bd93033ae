/**
 * `npm run seed -- --tickets 100000 [--history-days 1095] [--data-dir ./data] [--seed 42]`: adds demo tickets for
 * benchmarks (with `--history-days`, a tenth of them active and the closed ones spread over that many days), into
 * DATABASE_URL when set, else the PGlite data directory. Creates the demo reference data (queues, users, SLA
 * policies…) first if the database has none. Demo data only goes into an empty database or a demo desk: a real desk
 * is refused. A PGlite directory a server holds is refused too (one process per data directory).
 */
import { parseArgs } from 'node:util';
import { migrate } from './db/migrate';
import { describeStorage, openDatabase, storageFrom } from './db/open';
import { hasUsers, isDemoDesk, SEED_LOCK, seedReferenceData, seedTickets } from './demo/seed';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      'history-days': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const tickets = Number(values.tickets);
  const seed = Number(values.seed);
  if (!Number.isInteger(tickets) || tickets < 1) throw new Error(`--tickets must be a positive whole number`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number`);
  const historyDays = values['history-days'] === undefined ? undefined : Number(values['history-days']);
  if (historyDays !== undefined && !(Number.isInteger(historyDays) && historyDays >= 60 && historyDays <= 3650)) {
    throw new Error('--history-days must be a whole number from 60 to 3650');
  }
  const options = storageFrom(values['data-dir'], process.env);
  const db = await openDatabase(options);
  try {
    await migrate(db);
    const started = Date.now();
    await db.withLock(SEED_LOCK, async () => {
      if (!(await hasUsers(db))) await seedReferenceData(db, new Date());
      else if (!(await isDemoDesk(db)))
        throw new Error(
          `${describeStorage(options)} holds a desk that is not the demo desk: npm run seed adds demo tickets only to an empty database or a demo desk`,
        );
    });
    let last = 0;
    const result = await seedTickets(db, tickets, {
      seed,
      batchSize: 2000,
      ...(historyDays === undefined ? {} : { history: { days: historyDays, activeShare: 0.1 } }),
      onProgress: (done, total) => {
        if (done - last >= 10_000 || done === total) {
          last = done;
          console.log(`  ${done} / ${total} tickets`);
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Seeded ${result.tickets} tickets and ${result.comments} comments into ${describeStorage(options)} in ${seconds.toFixed(1)} s`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
