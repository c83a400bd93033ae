import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assigneeProblem } from '../../shared/domain/assignment';
import { isActiveStatus, STATUSES } from '../../shared/domain/lifecycle';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import { ticketSlaStatus } from '../../shared/sla/status';
import { verifyPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { openTestDatabase, TEST_ENGINES, type TestStorage } from '../db/test-databases';
import { loadReferenceData } from '../sync/reference';
import { DEMO_PASSWORD, demoCalendars, demoCatalog, demoPolicies, demoQueues, demoUsers } from './base-data';
import { Prng } from './prng';
import { DEMO_TICKETS, seedDemo, seedTickets } from './seed';
import { DemoTicketFactory } from './tickets';

const NOW = new Date('2026-11-25T10:30:00.000Z');

const deskAt = (now: Date) => ({
  now,
  queues: demoQueues(now),
  policies: demoPolicies(now),
  calendars: demoCalendars(now),
  catalog: demoCatalog(now),
  users: demoUsers(now),
});

describe('demo ticket factory', () => {
  it('is deterministic for a seed', () => {
    const make = (seed: number) => {
      const factory = new DemoTicketFactory(deskAt(NOW), new Prng(seed));
      return Array.from({ length: 50 }, () => factory.next());
    };
    expect(make(7)).toEqual(make(7));
    expect(make(7)).not.toEqual(make(8));
  });

  it('seeds a desk with years behind it: about a tenth active, the closed tickets spread over the years', () => {
    const factory = new DemoTicketFactory(deskAt(NOW), new Prng(42), 3, { days: 3 * 365, activeShare: 0.1 });
    const tickets = Array.from({ length: 2000 }, () => factory.next().ticket);
    const active = tickets.filter((ticket) => isActiveStatus(ticket.status)).length;
    expect(active / tickets.length).toBeGreaterThan(0.08);
    expect(active / tickets.length).toBeLessThan(0.12);
    const ageDays = (ticket: (typeof tickets)[number]) => (NOW.getTime() - Date.parse(ticket.createdAt)) / 86_400_000;
    const closed = tickets.filter((ticket) => ticket.status === 'closed');
    expect(Math.max(...closed.map(ageDays))).toBeGreaterThan(1000);
    // Most of them long gone from a 30-day working set.
    expect(closed.filter((ticket) => ageDays(ticket) > 30).length / closed.length).toBeGreaterThan(0.9);
  });

  // A Wednesday morning, and a Sunday night (no business time passes on the business-hours calendar).
  it.each([NOW, new Date('2026-11-29T23:30:00.000Z')])(
    'seeds a healthy desk at %s: a few percent of open tickets breached, a handful breaching soon',
    (now) => {
      const desk = deskAt(now);
      const factory = new DemoTicketFactory(desk, new Prng(42));
      const rules = {
        policies: new Map(desk.policies.map((p) => [p.id, p])),
        calendars: new Map(desk.calendars.map((c) => [c.id, c])),
      };
      const states = { ok: 0, warning: 0, breached: 0, paused: 0, met: 0 };
      let open = 0;
      for (let i = 0; i < DEMO_TICKETS; i += 1) {
        const { ticket } = factory.next();
        if (!isActiveStatus(ticket.status)) continue;
        open += 1;
        const status = ticketSlaStatus(ticket, rules, now.getTime());
        if (!status) throw new Error(`ticket ${ticket.id} has no usable policy`);
        states[status.headline.status] += 1;
      }
      expect(open).toBeGreaterThan(1000);
      expect(states.breached / open).toBeGreaterThan(0.01);
      expect(states.breached / open).toBeLessThanOrEqual(0.05);
      expect(states.warning).toBeGreaterThanOrEqual(3);
      expect(states.warning).toBeLessThanOrEqual(30);
      expect(states.ok).toBeGreaterThan(states.paused);
    },
  );
});

describe.each(TEST_ENGINES)('demo seed on %s', (engine) => {
  let db: Database;
  let storage: TestStorage;
  beforeAll(async () => {
    ({ db, storage } = await openTestDatabase(engine));
    const summary = await seedDemo(db, { tickets: 600, now: NOW });
    expect(summary).toMatchObject({ seeded: true, tickets: 600 });
  });
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  it('creates the documented logins, all with the demo password', async () => {
    const { rows } = await db.query<{ doc: User; password_hash: string }>('SELECT doc, password_hash FROM users');
    const byEmail = new Map(rows.map((row) => [row.doc.email, row]));
    const expectRole = (email: string, role: string, queueIds: string[]) =>
      expect(byEmail.get(email)?.doc).toMatchObject({ role, queueIds, active: true });
    expectRole('agent@demo.local', 'agent', ['q-service-desk', 'q-network']);
    expectRole('technician@demo.local', 'technician', ['q-field-services']);
    expectRole('supervisor@demo.local', 'supervisor', [
      'q-service-desk',
      'q-network',
      'q-hardware',
      'q-field-services',
    ]);
    expectRole('admin@demo.local', 'admin', []);
    expectRole('requester@demo.local', 'requester', []);
    expect(await verifyPassword(DEMO_PASSWORD, byEmail.get('agent@demo.local')?.password_hash ?? '')).toBe(true);
  });

  it('spreads tickets over every status, queue and the technician’s list', async () => {
    const { rows } = await db.query<{ doc: Ticket }>('SELECT doc FROM tickets');
    const tickets = rows.map((row) => row.doc);
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(STATUSES));
    expect(new Set(tickets.map((t) => t.queueId)).size).toBe(4);
    expect(tickets.filter((t) => t.assigneeId === 'u-technician').length).toBeGreaterThan(5);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(600);
    const comments = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM comments');
    expect(comments.rows[0]?.n).toBeGreaterThan(600);
  });

  it('assigns every ticket to someone who works its queue (the write rules would refuse anyone else)', async () => {
    const users = new Map(demoUsers(NOW).map((user) => [user.id, user]));
    const { rows } = await db.query<{ doc: Ticket }>('SELECT doc FROM tickets');
    const problems = rows
      .map(({ doc }) =>
        assigneeProblem(
          doc.assigneeId,
          doc.queueId,
          (id) => users.get(id),
          (id) => id,
        ),
      )
      .filter((problem) => problem !== null);
    expect(problems).toEqual([]);
  });

  it('stores the SLA keys the engine gives: breached tickets due by now, warned ones warned by now', async () => {
    const reference = await loadReferenceData(db);
    const rules = { policies: new Map(reference.policies.map((p) => [p.id, p])), calendars: reference.calendars };
    const { rows } = await db.query<{ doc: Ticket }>('SELECT doc FROM tickets');
    const open = rows.map((row) => row.doc).filter((doc) => isActiveStatus(doc.status));
    const breached = open.filter((doc) => ticketSlaStatus(doc, rules, NOW.getTime())?.headline.status === 'breached');
    expect(breached.length).toBeGreaterThan(0);
    expect(breached.length / open.length).toBeLessThanOrEqual(0.05);
    expect(breached.every((doc) => doc.slaDueAt <= NOW.getTime() && doc.sla.escalations.length > 0)).toBe(true);
  });

  it('stamps every row with its own sequence number and an audit event', async () => {
    const { rows } = await db.query<{ rows: number; seqs: number; latest: number; audit: number }>(
      `WITH all_rows AS (
         SELECT seq FROM tickets UNION ALL SELECT seq FROM comments UNION ALL SELECT seq FROM users
         UNION ALL SELECT seq FROM queues UNION ALL SELECT seq FROM sla_policies UNION ALL SELECT seq FROM calendars
         UNION ALL SELECT seq FROM catalog)
       SELECT count(*)::integer AS rows, count(DISTINCT seq)::integer AS seqs,
              (SELECT pg_sequence_last_value('change_numbers') AS value)::integer AS latest,
              (SELECT count(*)::integer FROM audit_events) AS audit
         FROM all_rows`,
    );
    const [counts] = rows;
    expect(counts?.seqs).toBe(counts?.rows);
    expect(counts?.latest).toBe(counts?.rows);
    expect(counts?.audit).toBe(counts?.rows);
  });

  it('keeps the server’s working-set days unless asked for others', async () => {
    const days = async (on: Database) =>
      (await on.query<{ days: number }>('SELECT days FROM working_set')).rows[0]?.days;
    expect(await days(db)).toBe(30);
    const other = await openTestDatabase(engine);
    try {
      await seedDemo(other.db, { tickets: 5, now: NOW, workingSetDays: 0 });
      expect(await days(other.db), 'the whole history').toBe(0);
    } finally {
      await other.db.close();
      await other.storage.drop();
    }
  });

  it('does nothing the second time, and adds new tickets with --tickets', async () => {
    expect((await seedDemo(db, { tickets: 10, now: NOW })).seeded).toBe(false);
    await seedTickets(db, 50, { now: NOW });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM tickets');
    expect(rows[0]?.n).toBe(650);
  });
});
