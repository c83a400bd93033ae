import { type LocalTicket, withLocalFields } from '../../../shared/rxdb/schemas';
import type { StoreDatabase } from '../store/database';
import {
  DEMO_CALENDAR,
  DEMO_CATALOG,
  DEMO_POLICY,
  DEMO_QUEUES,
  DEMO_USERS,
  demoComments,
  demoTicket,
} from './demo-data';

/**
 * Writes the demo desk straight into a replica, for component tests and the latency bench (which needs 100k
 * tickets faster than an initial sync would deliver them). The app itself only ever gets documents by replication.
 */
export async function seedDemoDesk(db: StoreDatabase, ticketCount: number, now = Date.now()): Promise<void> {
  await db.queues.bulkUpsert(DEMO_QUEUES);
  await db.users.bulkUpsert(DEMO_USERS);
  await db.calendars.upsert(DEMO_CALENDAR);
  await db.sla_policies.upsert(DEMO_POLICY);
  await db.catalog.bulkUpsert(DEMO_CATALOG);
  await seedTickets(db, ticketCount, now);
}

export async function seedTickets(db: StoreDatabase, count: number, now: number, start = 0): Promise<void> {
  const BATCH = 2000;
  for (let from = start; from < start + count; from += BATCH) {
    const batch: LocalTicket[] = [];
    for (let i = from; i < Math.min(start + count, from + BATCH); i++)
      batch.push(withLocalFields('tickets', demoTicket(i, now)) as LocalTicket);
    await db.tickets.bulkInsert(batch);
    if (from < 1000) await db.comments.bulkInsert(batch.flatMap(demoComments));
  }
}
