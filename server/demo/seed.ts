/**
 * Seeding the demo desk through the server's own write path (sync/store.ts, sync/audit.ts, sync/seq.ts): every row
 * gets a change sequence and an audit event exactly as a pushed one would, but in bulk — one transaction and a
 * handful of statements per batch of tickets, not one HTTP call per ticket.
 */
import type { Comment } from '../../shared/domain/comment';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import { hashPassword } from '../auth/passwords';
import type { Database, Queryable } from '../db/database';
import { type AuditRecord, auditEvent, fieldChanges, writeAudit } from '../sync/audit';
import { publishChange } from '../sync/changes';
import { loadReferenceData } from '../sync/reference';
import { allocateSeqs } from '../sync/seq';
import {
  insertComments,
  recordAssignees,
  type Stamped,
  writeReferenceDocs,
  writeTickets,
  writeUsers,
} from '../sync/store';
import { setWorkingSetDays } from '../sync/working-set';
import { DEMO_PASSWORD, demoCalendars, demoCatalog, demoPolicies, demoQueues, demoUsers } from './base-data';
import { seedIntakeDemo } from './intake-seed';
import { Prng } from './prng';
import { type DemoDesk, type DemoHistory, DemoTicketFactory } from './tickets';

export interface DemoOptions {
  /** Tickets to create (default 3000). */
  tickets?: number;
  /** PRNG seed (default 42): the same seed on the same database state gives the same data. */
  seed?: number;
  now?: Date;
  batchSize?: number;
  /** The most replies and notes a worked ticket gets after the first response (default 3: about 2.3 comments a
   *  ticket; 5 gives about 3, the benchmarks' 100 000 tickets with 300 000 comments). */
  maxExtraComments?: number;
  onProgress?: (done: number, total: number) => void;
  /** A desk with years behind it: mostly closed tickets, spread over that many days (tickets.ts DemoHistory). */
  history?: DemoHistory;
  /** How many days done tickets stay in replicas on this desk (0: the whole history); default: the server's, 30. */
  workingSetDays?: number;
}

export interface SeedSummary {
  seeded: boolean;
  tickets: number;
  comments: number;
  ms: number;
}

export const DEMO_TICKETS = 3000;
const SYSTEM_ACTOR = 'system';
const SEED_DEVICE = 'demo-seed';
/**
 * Held while seeding, so servers started at once on an empty database seed it once: the others wait, then find
 * the users there (the same key in every process, like migrate.ts's).
 */
export const SEED_LOCK = 4_100_002;

/** Seeds the demo desk into an empty database; does nothing when users already exist. */
export function seedDemo(db: Database, options: DemoOptions = {}): Promise<SeedSummary> {
  return db.withLock(SEED_LOCK, async () => {
    const started = Date.now();
    if (await hasUsers(db)) return { seeded: false, tickets: 0, comments: 0, ms: 0 };
    await seedReferenceData(db, options.now ?? new Date());
    const added = await seedTickets(db, options.tickets ?? DEMO_TICKETS, options);
    await seedIntakeDemo(db, options.now ?? new Date());
    if (options.workingSetDays !== undefined) await setWorkingSetDays(db, options.workingSetDays);
    return { seeded: true, ...added, ms: Date.now() - started };
  });
}

export async function hasUsers(db: Queryable): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM users LIMIT 1');
  return result.rows.length > 0;
}

/** Whether the users are the demo desk's (its admin is there): demo tickets never go into a real desk. */
export async function isDemoDesk(db: Queryable): Promise<boolean> {
  const admin = demoUsers(new Date()).find((user) => user.role === 'admin');
  const result = await db.query('SELECT 1 FROM users WHERE id = $1 AND lower(email) = lower($2)', [
    admin?.id,
    admin?.email,
  ]);
  return result.rows.length > 0;
}

export async function seedReferenceData(db: Database, now: Date): Promise<void> {
  // Every demo login shares one documented password; one hash (one salt) is enough and keeps start-up fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const calendars = demoCalendars(now);
  const policies = demoPolicies(now);
  const queues = demoQueues(now);
  const users = demoUsers(now);
  const catalog = demoCatalog(now);
  await db.transaction(async (tx) => {
    const total = calendars.length + policies.length + queues.length + users.length + catalog.length;
    let seq = await allocateSeqs(tx, total);
    const stamp = <T>(docs: T[]): Stamped<T>[] => docs.map((doc) => ({ doc, seq: seq++ }));
    const stampedCalendars = stamp(calendars);
    const stampedPolicies = stamp(policies);
    const stampedQueues = stamp(queues);
    const stampedUsers = stamp(users);
    const stampedCatalog = stamp(catalog);
    await writeReferenceDocs(tx, 'calendars', stampedCalendars);
    await writeReferenceDocs(tx, 'sla_policies', stampedPolicies);
    await writeReferenceDocs(tx, 'queues', stampedQueues);
    await writeUsers(
      tx,
      stampedUsers.map((row) => ({ ...row, passwordHash })),
    );
    await writeReferenceDocs(tx, 'catalog', stampedCatalog);
    const created = (entity: AuditRecord['entity'], rows: Stamped<{ id: string }>[]) =>
      rows.map((row) =>
        auditEvent({
          seq: row.seq,
          entity,
          entityId: row.doc.id,
          ticketId: null,
          action: 'create',
          actorId: SYSTEM_ACTOR,
          deviceId: SEED_DEVICE,
          at: now.toISOString(),
          changes: fieldChanges(null, row.doc),
        }),
      );
    await writeAudit(tx, [
      ...created('calendar', stampedCalendars),
      ...created('sla_policy', stampedPolicies),
      ...created('queue', stampedQueues),
      ...created('user', stampedUsers),
      ...created('catalog', stampedCatalog),
    ]);
    for (const collection of ['calendars', 'sla_policies', 'queues', 'users', 'catalog'] as const) {
      await publishChange(db, tx, { c: collection, s: seq - 1 });
    }
  });
}

/** Adds `count` demo tickets (with comments) to a database that already holds the reference data. */
export async function seedTickets(
  db: Database,
  count: number,
  options: DemoOptions = {},
): Promise<{ tickets: number; comments: number }> {
  const now = options.now ?? new Date();
  const reference = await loadReferenceData(db);
  const users = (await db.query<{ doc: User }>('SELECT doc FROM users WHERE NOT deleted ORDER BY id')).rows.map(
    (r) => r.doc,
  );
  const existing = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM tickets');
  const desk: DemoDesk = {
    now,
    queues: [...reference.queues.values()],
    policies: reference.policies,
    calendars: [...reference.calendars.values()],
    catalog: [...reference.catalog.values()].filter((item) => item.active),
    users,
  };
  // Vary the seed with what is already there, so seeding twice adds new tickets instead of colliding ids.
  const factory = new DemoTicketFactory(
    desk,
    new Prng((options.seed ?? 42) + (existing.rows[0]?.n ?? 0) * 7919),
    options.maxExtraComments,
    options.history,
  );
  const batchSize = options.batchSize ?? 1000;
  let tickets = 0;
  let comments = 0;
  let generated = 0;
  // Generate the next batch while the database writes the previous one (PostgreSQL works in its own process).
  let writing: Promise<void> = Promise.resolve();
  while (generated < count) {
    const batch = Array.from({ length: Math.min(batchSize, count - generated) }, () => factory.next());
    await writing;
    writing = writeBatch(db, batch).then((written) => {
      comments += written;
      tickets += batch.length;
      options.onProgress?.(tickets, count);
    });
    generated += batch.length;
  }
  await writing;
  // Fresh bulk data has no planner statistics; without them pull picks slow plans until autovacuum catches up.
  await db.query('ANALYZE tickets, comments, ticket_scope_exits');
  return { tickets, comments };
}

async function writeBatch(db: Database, batch: ReturnType<DemoTicketFactory['next']>[]): Promise<number> {
  return db.transaction(async (tx) => {
    const numbers = await tx.query<{ n: number }>(
      "SELECT nextval('ticket_number_seq') AS n FROM generate_series(1, $1::integer)",
      [batch.length],
    );
    const allComments = batch.flatMap((item) => item.comments);
    let seq = await allocateSeqs(tx, batch.length + allComments.length);
    const ticketRows: Stamped<Ticket>[] = batch.map((item, index) => ({
      doc: { ...item.ticket, number: numbers.rows[index]?.n ?? null },
      seq: seq++,
    }));
    const commentRows: Stamped<Comment>[] = allComments.map((doc) => ({ doc, seq: seq++ }));
    await writeTickets(tx, ticketRows);
    await insertComments(tx, commentRows);
    await recordAssignees(
      tx,
      ticketRows.map((row) => ({ ticketId: row.doc.id, userId: row.doc.assigneeId })),
    );
    await writeAudit(tx, [
      ...ticketRows.map((row, index) =>
        auditEvent({
          seq: row.seq,
          entity: 'ticket',
          entityId: row.doc.id,
          ticketId: row.doc.id,
          action: 'create',
          actorId: batch[index]?.creatorId ?? SYSTEM_ACTOR,
          deviceId: SEED_DEVICE,
          at: row.doc.createdAt,
          changes: seededTicketChanges(row.doc),
        }),
      ),
      ...commentRows.map((row) =>
        auditEvent({
          seq: row.seq,
          entity: 'comment',
          entityId: row.doc.id,
          ticketId: row.doc.ticketId,
          action: 'comment',
          actorId: row.doc.authorId,
          deviceId: SEED_DEVICE,
          at: row.doc.createdAt,
          changes: [{ field: 'visibility', from: null, to: row.doc.visibility }],
        }),
      ),
    ]);
    const lastTicket = ticketRows.at(-1)?.seq;
    if (lastTicket !== undefined) await publishChange(db, tx, { c: 'tickets', s: lastTicket });
    if (commentRows.length > 0) await publishChange(db, tx, { c: 'comments', s: seq - 1 });
    return allComments.length;
  });
}

/** Seeded tickets get a compact creation event (the fields a history view shows), keeping bulk seeding fast. */
function seededTicketChanges(ticket: Ticket): AuditRecord['changes'] {
  const fields = ['title', 'status', 'priority', 'queueId', 'assigneeId', 'requesterId'] as const;
  return fields.map((field) => ({ field, from: null, to: ticket[field] }));
}
