import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../shared/domain/lifecycle';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import { type Escalation, emptySla, NO_DUE, type Ticket } from '../../shared/domain/ticket';
import type { Database } from '../db/database';
import { openTestDatabase, TEST_ENGINES, type TestStorage } from '../db/test-databases';
import { QUEUE } from '../demo/base-data';
import { seedReferenceData } from '../demo/seed';
import { nextTicketNumber } from '../sync/push-tickets';
import { loadReferenceData } from '../sync/reference';
import { allocateSeqs } from '../sync/seq';
import { writeReferenceDocs } from '../sync/store';
import { withServerFields } from '../sync/ticket-fields';
import { insertTicket, updateTicket } from '../ticket-writes/write';
import { ESCALATIONS_CHANNEL, type EscalationNote } from './escalation-events';
import { type RunSummary, SLA_ACTOR, SlaScheduler } from './scheduler';
import { savePolicyActions } from './store';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');

/** 24×7, so business time is wall time: P3 response 60 min, resolution 120 min; escalations at 50, 75, 100 %. */
const POLICY: SlaPolicy = {
  id: 'sla-test',
  name: 'Test 24×7',
  calendarId: 'cal-24x7',
  targets: {
    P1: { responseMinutes: 15, resolutionMinutes: 60 },
    P2: { responseMinutes: 30, resolutionMinutes: 90 },
    P3: { responseMinutes: 60, resolutionMinutes: 120 },
    P4: { responseMinutes: 120, resolutionMinutes: 240 },
  },
  warnAtPercent: 75,
  escalateAtPercents: [50, 75, 100],
  pauseStatuses: ['pending'],
  queueIds: [QUEUE.serviceDesk],
  updatedAt: new Date(T0).toISOString(),
};

const silent = { info() {}, warn() {}, error() {} };

describe.each(TEST_ENGINES)('SLA scheduler on %s', (engine) => {
  let db: Database;
  let storage: TestStorage;
  let now = T0;
  let scheduler: SlaScheduler;
  let notes: EscalationNote[];
  let unlisten: () => Promise<void>;

  beforeEach(async () => {
    ({ db, storage } = await openTestDatabase(engine));
    await seedReferenceData(db, new Date(T0));
    await db.transaction(async (tx) =>
      writeReferenceDocs(tx, 'sla_policies', [{ doc: POLICY, seq: await allocateSeqs(tx, 1) }]),
    );
    now = T0;
    scheduler = new SlaScheduler({ db, log: silent, now: () => now });
    notes = [];
    unlisten = await db.listen(ESCALATIONS_CHANNEL, (payload) => notes.push(JSON.parse(payload)));
  });
  afterEach(async () => {
    await unlisten();
    await db.close();
    await storage.drop();
  });

  const create = async (patch: Partial<Ticket> = {}): Promise<Ticket> => {
    const reference = await loadReferenceData(db);
    return db.transaction(async (tx) => {
      const ticket = withServerFields({
        client: {
          id: `t-${Math.random().toString(36).slice(2)}`,
          number: null,
          type: 'incident',
          title: 'Mail is down',
          description: '',
          requesterId: 'u-requester',
          status: 'new',
          impact: 2,
          urgency: 2,
          priority: 'P3',
          queueId: QUEUE.serviceDesk,
          assigneeId: '',
          catalogItemId: '',
          category: '',
          tags: [],
          formData: {},
          createdAt: new Date(now).toISOString(),
          updatedAt: new Date(now).toISOString(),
          firstResponseAt: null,
          resolvedAt: null,
          sla: emptySla('none'),
          slaDueAt: NO_DUE,
          slaWarnAt: NO_DUE,
          ...patch,
        },
        before: null,
        newNumber: await nextTicketNumber(tx),
        now: new Date(now),
        reference,
      });
      await insertTicket(db, tx, ticket, { actorId: 'u-agent', deviceId: 'test' });
      return ticket;
    });
  };

  /** A person's change as a push makes it: the server fields (pauses, SLA targets) follow. */
  const change = async (id: string, patch: Partial<Ticket>): Promise<void> => {
    const reference = await loadReferenceData(db);
    await db.transaction(async (tx) => {
      const before = (await tx.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1 FOR UPDATE', [id])).rows[0]
        ?.doc;
      if (!before) throw new Error('missing');
      const after = withServerFields({
        client: { ...before, ...patch },
        before,
        newNumber: 0,
        now: new Date(now),
        reference,
      });
      await updateTicket(db, tx, before, after, { actorId: 'u-agent', deviceId: 'test' });
    });
  };
  const setStatus = (id: string, status: Status) => change(id, { status });

  const stored = async (id: string): Promise<Ticket> => {
    const row = (await db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1', [id])).rows[0];
    if (!row) throw new Error('missing');
    return row.doc;
  };

  const runAt = async (minutes: number, times = 1): Promise<RunSummary[]> => {
    now = T0 + minutes * MINUTE;
    const runs: RunSummary[] = [];
    for (let i = 0; i < times; i += 1) runs.push(await scheduler.runOnce());
    return runs;
  };

  const recorded = (ticket: Ticket) => ticket.sla.escalations.map((e: Escalation) => `${e.clock} ${e.percent}`);

  it('records each threshold exactly once, at the run that crosses it, across repeated runs', async () => {
    const ticket = await create();
    const timeline: [number, string[]][] = [];
    for (const minute of [0, 29, 30, 30, 31, 44, 45, 59, 60, 60, 61, 89, 90, 119, 120, 121, 500]) {
      await runAt(minute, 2);
      timeline.push([minute, recorded(await stored(ticket.id))]);
    }
    const firstSeen = new Map<string, number>();
    for (const [minute, list] of timeline)
      for (const item of list) if (!firstSeen.has(item)) firstSeen.set(item, minute);
    expect(Object.fromEntries(firstSeen)).toEqual({
      'response 50': 30,
      'response 75': 45,
      'response 100': 60,
      'resolution 50': 60,
      'resolution 75': 90,
      'resolution 100': 120,
    });
    const final = await stored(ticket.id);
    expect(recorded(final)).toHaveLength(6);
    expect(final.sla.escalations.find((e) => e.clock === 'response' && e.percent === 100)?.at).toBe(
      new Date(T0 + 60 * MINUTE).toISOString(),
    );
    expect(final.sla).toMatchObject({ responseBreached: true, resolutionBreached: true });

    const audit = await db.query<{ action: string; changes: unknown }>(
      `SELECT action, changes FROM audit_events WHERE entity_id = $1 AND actor_id = $2 AND action <> 'update' ORDER BY seq, action`,
      [ticket.id, SLA_ACTOR],
    );
    expect(audit.rows.map((row) => row.action).sort()).toEqual([
      'breach',
      'breach',
      'escalate',
      'escalate',
      'escalate',
      'escalate',
    ]);
    // Notifications arrive after the commit, asynchronously on PostgreSQL.
    await vi.waitFor(() => expect(notes.map((n) => `${n.clock} ${n.percent}`).sort()).toEqual(recorded(final).sort()));
    expect(notes.every((n) => n.ticketId === ticket.id && n.queueId === QUEUE.serviceDesk)).toBe(true);
  });

  it('does not escalate while the ticket is pending, and resumes where the clock stopped', async () => {
    const ticket = await create();
    await runAt(10);
    now = T0 + 10 * MINUTE;
    await setStatus(ticket.id, 'pending');
    for (const minute of [11, 40, 100, 500, 1000]) await runAt(minute, 2);
    const paused = await stored(ticket.id);
    expect(recorded(paused)).toEqual([]);
    expect(paused.sla.responseBreached).toBe(false);
    expect(paused.slaDueAt).toBe(NO_DUE);

    now = T0 + 1000 * MINUTE;
    await setStatus(ticket.id, 'open');
    // 10 minutes counted before the pause: the 50 % (30 min) threshold comes 20 minutes after resuming.
    await runAt(1019);
    expect(recorded(await stored(ticket.id))).toEqual([]);
    await runAt(1020);
    expect(recorded(await stored(ticket.id))).toEqual(['response 50']);
    await vi.waitFor(() => expect(notes).toHaveLength(1));
  });

  it('reads only changed and due tickets: idle tickets cost nothing', async () => {
    for (let i = 0; i < 30; i += 1) await create();
    const [first] = await runAt(1);
    expect(first).toMatchObject({ ran: true, evaluated: 30, written: 0 });
    const [idle] = await runAt(20);
    expect(idle).toMatchObject({ evaluated: 0, written: 0 });
    const [due] = await runAt(30);
    expect(due).toMatchObject({ written: 30, escalations: 30 });
  });

  it('raises the priority once on the first breach when the policy says so, and says why', async () => {
    await savePolicyActions(db, POLICY.id, { raisePriorityOnBreach: true });
    const ticket = await create({ assigneeId: 'u-agent' });
    await runAt(59);
    expect((await stored(ticket.id)).priority).toBe('P3');
    await runAt(60);
    const raised = await stored(ticket.id);
    expect(raised).toMatchObject({ priority: 'P2', impact: 2, urgency: 1 });
    // Re-targeted to P2 (resolution 90 min): 60 minutes in, its 50 % threshold (45 min) is recorded too.
    expect(recorded(raised)).toEqual(['response 50', 'response 75', 'response 100', 'resolution 50']);
    // The ticket carries the reason, for the pane of everyone who sees it.
    const breach = raised.sla.escalations.find((e) => e.clock === 'response' && e.percent === 100);
    expect(breach?.raised).toEqual({ from: 'P3', to: 'P2' });
    // The assignee and the supervisors hear it with the reason; the history's breach event names the new priority.
    await vi.waitFor(() =>
      expect(notes).toContainEqual(
        expect.objectContaining({ percent: 100, assigneeId: 'u-agent', raised: { from: 'P3', to: 'P2' } }),
      ),
    );
    const audit = await db.query<{ changes: unknown }>(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'breach'`,
      [ticket.id],
    );
    expect(audit.rows[0]?.changes).toEqual([
      { field: 'sla.response', from: null, to: '100%' },
      { field: 'priority', from: 'P3', to: 'P2' },
    ]);
    await runAt(90, 2);
    const later = await stored(ticket.id);
    expect(later.priority).toBe('P2');
    expect(recorded(later)).toContain('resolution 100');
  });

  it('leaves the priority as a person set it when their change breached the clock at once', async () => {
    await savePolicyActions(db, POLICY.id, { raisePriorityOnBreach: true });
    // P4 allows 120 minutes to respond; 70 minutes in, an agent raises it to P3 (60 minutes): breached at once.
    const ticket = await create({ impact: 3, urgency: 2, priority: 'P4', assigneeId: 'u-agent' });
    await runAt(69);
    now = T0 + 70 * MINUTE;
    await change(ticket.id, { urgency: 1, priority: 'P3' });
    await runAt(70);
    now += 88;
    await scheduler.runOnce();
    const after = await stored(ticket.id);
    expect(after).toMatchObject({ priority: 'P3', urgency: 1 });
    expect(after.sla.responseBreached).toBe(true);
    const breach = after.sla.escalations.find((e) => e.clock === 'response' && e.percent === 100);
    expect(breach).toBeDefined();
    expect(breach?.raised).toBeUndefined();
    // Not silent: the breach still reaches the assignee and the supervisors.
    await vi.waitFor(() =>
      expect(notes).toContainEqual(
        expect.objectContaining({ ticketId: ticket.id, clock: 'response', percent: 100, assigneeId: 'u-agent' }),
      ),
    );
  });

  it('lets one process evaluate at a time', async () => {
    const other = new SlaScheduler({ db, log: silent, now: () => now });
    expect((await runAt(1))[0]?.ran).toBe(true);
    expect((await other.runOnce()).ran).toBe(false);
    await scheduler.stop();
    expect((await other.runOnce()).ran).toBe(true);
  });
});
