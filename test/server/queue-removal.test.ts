/**
 * An admin's change that takes queues from a person (removed from a queue, deactivated, a role that holds no
 * tickets) unassigns their active tickets in those queues in the same transaction, through the ticket write path:
 * audited with the reason, a new revision that colleagues pull and hear of on the live stream. Resolved and closed
 * tickets, and tickets in queues they keep, stay as they are. The admin API and the command line say how many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existingUser, setActive } from '../../server/cli/admin-commands';
import type { Status } from '../../shared/domain/lifecycle';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import type { UserUpdated } from '../../shared/server-api/admin';
import type { HistoryResponse } from '../../shared/server-api/history';
import type { SyncDoc } from '../../shared/sync/protocol';
import { Api, createTickets, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { callsAs, streamEvent } from './rest';

const HARDWARE = 'q-hardware';
const SERVICE_DESK = 'q-service-desk';
const FIELD = 'q-field-services';

describe.each(TEST_ENGINES)('unassigning the tickets of someone who leaves a queue on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  let supervisor: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await Api.login(server.url, 'admin@demo.local');
    supervisor = await Api.login(server.url, 'supervisor@demo.local');
  });
  afterAll(() => server?.stop());

  let people = 0;
  /** A new staff member (created by the admin), so each test changes someone of its own. */
  async function staff(role: User['role'], queueIds: string[]): Promise<User> {
    people += 1;
    const reply = await callsAs(server.url, admin.token).post<User>('/api/admin/users', {
      id: `u-leaver-${people}`,
      email: `leaver-${people}@example.com`,
      name: `Leaver ${people}`,
      role,
      queueIds,
      department: 'IT',
      active: true,
      password: 'leaver-password',
    });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  /** Tickets the supervisor creates for `assigneeId`, one per [queue, status]. */
  async function ticketsFor(assigneeId: string, specs: [string, Status][]): Promise<Ticket[]> {
    const docs = specs.map(([queueId, status]) => newTicket({ queueId, status, assigneeId }));
    await createTickets(supervisor, docs);
    return docs as Ticket[];
  }

  async function update(user: User, patch: Partial<User>): Promise<UserUpdated> {
    const { updatedAt: _, ...fields } = user;
    const reply = await callsAs(server.url, admin.token).put<UserUpdated>(`/api/admin/users/${user.id}`, {
      ...fields,
      ...patch,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  }

  /** The supervisor's pull since `checkpoint`: the tickets that changed, by id. */
  async function pulledSince(checkpoint: number | undefined): Promise<Map<string, Ticket>> {
    const { documents } = await supervisor.pullAll('tickets', checkpoint);
    return new Map(documents.map((doc) => [doc.id, doc as Ticket]));
  }

  async function lastEvent(ticketId: string) {
    const reply = await admin.get<HistoryResponse>(`/api/tickets/${ticketId}/history`);
    expect(reply.status).toBe(200);
    return reply.body.events.at(-1);
  }

  it('removed from a queue: their open tickets there are unassigned, with the reason, and colleagues pull it', async () => {
    const leaver = await staff('agent', [SERVICE_DESK, HARDWARE]);
    const [open, pending, resolved, closed, kept] = await ticketsFor(leaver.id, [
      [HARDWARE, 'open'],
      [HARDWARE, 'pending'],
      [HARDWARE, 'resolved'],
      [HARDWARE, 'closed'],
      [SERVICE_DESK, 'open'],
    ]);
    const { checkpoint } = await supervisor.pullAll('tickets');
    const stream = streamEvent<{ type: string; collection?: string }>(
      server.url,
      supervisor.token ?? '',
      (event) => event.type === 'change' && event.collection === 'tickets',
    );
    await stream.ready;

    const saved = await update(leaver, { queueIds: [SERVICE_DESK] });

    expect(saved).toMatchObject({ id: leaver.id, queueIds: [SERVICE_DESK], unassignedTickets: 2 });
    await expect(stream.event).resolves.toMatchObject({ type: 'change', collection: 'tickets' });
    const changed = await pulledSince(checkpoint);
    expect([...changed.keys()].sort()).toEqual([open?.id, pending?.id].sort());
    for (const ticket of [open, pending]) {
      const now = changed.get(ticket?.id ?? '');
      expect(now).toMatchObject({ assigneeId: '', status: ticket?.status, queueId: HARDWARE });
      expect(Date.parse(now?.updatedAt ?? '')).toBeGreaterThan(Date.parse(ticket?.updatedAt ?? ''));
      expect(await lastEvent(ticket?.id ?? '')).toMatchObject({
        action: 'update',
        actorId: 'u-admin',
        changes: [
          { field: 'assigneeId', from: leaver.id, to: '' },
          { field: 'reason', from: null, to: `Unassigned: ${leaver.name} left the Hardware queue` },
        ],
      });
    }
    const all = await pulledSince(undefined);
    for (const ticket of [resolved, closed, kept]) {
      expect(all.get(ticket?.id ?? '')?.assigneeId, `${ticket?.status} in ${ticket?.queueId}`).toBe(leaver.id);
    }
    // Another change of the same person finds nothing left to unassign.
    expect((await update(saved, { department: 'Field IT' })).unassignedTickets).toBe(0);
  });

  it('deactivated: their open tickets in every queue are unassigned; the command line says how many', async () => {
    const leaver = await staff('technician', [FIELD, HARDWARE]);
    const [field, hardware, closed] = await ticketsFor(leaver.id, [
      [FIELD, 'new'],
      [HARDWARE, 'on_hold'],
      [FIELD, 'closed'],
    ]);
    const { checkpoint } = await supervisor.pullAll('tickets');

    const message = await setActive(server.db, await existingUser(server.db, leaver.email), false);

    expect(message).toBe(
      `${leaver.email} is deactivated: their sessions are ended and they cannot sign in. ` +
        '2 open tickets of theirs were unassigned and wait in their queues.',
    );
    const changed = await pulledSince(checkpoint);
    expect(changed.get(field?.id ?? '')?.assigneeId).toBe('');
    expect(changed.get(hardware?.id ?? '')?.assigneeId).toBe('');
    expect(changed.has(closed?.id ?? '')).toBe(false);
    expect(await lastEvent(hardware?.id ?? '')).toMatchObject({
      actorId: 'system',
      deviceId: expect.stringMatching(/^admin-cli /),
      changes: [
        { field: 'assigneeId', from: leaver.id, to: '' },
        { field: 'reason', from: null, to: `Unassigned: ${leaver.name} was deactivated` },
      ],
    });

    const other = await staff('agent', [SERVICE_DESK]);
    await ticketsFor(other.id, [[SERVICE_DESK, 'open']]);
    expect((await update(other, { active: false })).unassignedTickets).toBe(1);
  });

  it('given a role that holds no tickets: their open tickets are unassigned; a role that does keeps them', async () => {
    const leaver = await staff('supervisor', [SERVICE_DESK, HARDWARE]);
    const [desk, hardware, resolved] = await ticketsFor(leaver.id, [
      [SERVICE_DESK, 'open'],
      [HARDWARE, 'new'],
      [HARDWARE, 'resolved'],
    ]);

    const asAgent = await update(leaver, { role: 'agent' });
    expect(asAgent.unassignedTickets).toBe(0);
    const { checkpoint } = await supervisor.pullAll('tickets');
    const asAdmin = await update(asAgent, { role: 'admin' });

    expect(asAdmin.unassignedTickets).toBe(2);
    const changed = await pulledSince(checkpoint);
    expect([...changed.keys()].sort()).toEqual([desk?.id, hardware?.id].sort());
    expect(changed.get(desk?.id ?? '')?.assigneeId).toBe('');
    expect(await lastEvent(desk?.id ?? '')).toMatchObject({
      actorId: 'u-admin',
      changes: [
        { field: 'assigneeId', from: leaver.id, to: '' },
        { field: 'reason', from: null, to: `Unassigned: ${leaver.name} became an admin, who holds no tickets` },
      ],
    });
    expect((await pulledSince(undefined)).get(resolved?.id ?? '')?.assigneeId).toBe(leaver.id);
  });

  it('a technician who leaves a queue loses its tickets from their replica (tombstones)', async () => {
    const leaver = await staff('technician', [FIELD, HARDWARE]);
    const [field, hardware] = await ticketsFor(leaver.id, [
      [FIELD, 'open'],
      [HARDWARE, 'open'],
    ]);
    const technician = await Api.login(server.url, leaver.email, 'leaver-password');
    const { checkpoint } = await technician.pullAll('tickets');

    expect((await update(leaver, { queueIds: [FIELD] })).unassignedTickets).toBe(1);

    const { documents } = await technician.pullAll('tickets', checkpoint);
    expect(documents).toEqual([{ id: hardware?.id, _deleted: true }]);
    expect(documents.some((doc) => doc.id === field?.id)).toBe(false);
  });
});

// Several connections at once: PGlite has one, so no assignment can run while an admin's change is in flight.
describe.runIf(process.env.DATABASE_URL)('an assignment racing an admin’s change on PostgreSQL', () => {
  let server: TestServer;
  afterAll(() => server?.stop());

  it('a push handing a ticket to someone waits for a change that takes the queue from them, then refuses it', async () => {
    server = await startTestServer('postgres');
    const supervisor = await Api.login(server.url, 'supervisor@demo.local');
    const ticket = newTicket({ queueId: HARDWARE, status: 'open' });
    await createTickets(supervisor, [ticket]);
    const master = (await supervisor.pullAll('tickets')).documents.find((doc) => doc.id === ticket.id) as
      | SyncDoc<'tickets'>
      | undefined;
    let locked: () => void = () => undefined;
    let release: () => void = () => undefined;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The admin's change, held open between locking Lena and writing her without Hardware (as user-write.ts does).
    const adminChange = server.db.transaction(async (tx) => {
      await tx.query("SELECT 1 FROM users WHERE id = 'u-lena' FOR UPDATE");
      locked();
      await released;
      await tx.query(
        `UPDATE users SET queue_ids = ARRAY['${SERVICE_DESK}'], doc = jsonb_set(doc, '{queueIds}', '["${SERVICE_DESK}"]')
          WHERE id = 'u-lena'`,
      );
    });
    await isLocked;

    const push = supervisor.push('tickets', [
      { assumedMasterState: master ?? null, newDocumentState: { ...ticket, ...master, assigneeId: 'u-lena' } },
    ]);
    for (let tries = 0; tries < 100 && !(await waitingForLock(server)); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await adminChange;

    const reply = await push;
    expect(reply.body.rejected).toEqual([
      expect.objectContaining({
        id: ticket.id,
        code: 'validation',
        message: 'assigneeId: Lena Vogel does not work in queue "Hardware" and would not see the ticket',
      }),
    ]);
  });
});

/** Whether a statement of this test's schema waits for a row lock (the push, on Lena's row). */
async function waitingForLock(server: TestServer): Promise<boolean> {
  const { rows } = await server.db.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE '%FOR SHARE%'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}
