import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/app';
import { type TestStorage, testStorage } from '../../server/db/test-databases';
import { wantsEscalation } from '../../server/sla/escalation-events';
import type { Ticket } from '../../shared/domain/ticket';
import type { HistoryResponse } from '../../shared/server-api/history';
import { Api, createTickets, lastInContact, newTicket, TEST_ENGINES } from './harness';
import { streamEvent } from './rest';

type Escalation = { type: 'escalation'; ticketId: string; clock: string; percent: number };

describe.each(TEST_ENGINES)('server-side SLA escalation on %s', (engine) => {
  let server: RunningServer;
  let storage: TestStorage;
  let agent: Api;
  let supervisor: Api;

  beforeAll(async () => {
    // A long interval: anything that happens in this test happens because a ticket changed.
    storage = await testStorage(engine);
    server = await startServer({
      ...storage.options,
      port: 0,
      logger: false,
      demo: { tickets: 0 },
      slaIntervalMs: 3_600_000,
    });
    agent = await Api.login(server.url, 'agent@demo.local');
    supervisor = await Api.login(server.url, 'supervisor@demo.local');
  });
  afterAll(async () => {
    await server?.close();
    await storage?.drop();
  });

  it('evaluates a changed ticket at once: breach flags stored, escalations recorded, supervisors told', async () => {
    const ticket = newTicket({
      title: 'VPN down for three days',
      queueId: 'q-network',
      createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    const heard = streamEvent<Escalation | { type: string }>(
      server.url,
      supervisor.token ?? '',
      (event) =>
        event.type === 'escalation' &&
        (event as Escalation).ticketId === ticket.id &&
        (event as Escalation).percent === 100,
    );
    await heard.ready;
    // Created offline three days ago: the agent's laptop has been out of contact since then.
    const laptop = new Api(server.url, agent.token, 'agents-laptop');
    await lastInContact(server, 'u-agent', 'agents-laptop', ticket.createdAt);
    await createTickets(laptop, [ticket]);
    expect(await heard.event).toMatchObject({ type: 'escalation', ticketId: ticket.id, percent: 100 });

    // The replica of an agent of the queue gets the recorded escalations (75 % and breach, per the Network policy).
    let stored: Ticket | undefined;
    for (let attempt = 0; attempt < 50 && (stored?.sla.escalations.length ?? 0) < 4; attempt += 1) {
      const pulled = (await agent.pullAll('tickets')).documents as Ticket[];
      stored = pulled.find((doc) => doc.id === ticket.id);
      if ((stored?.sla.escalations.length ?? 0) < 4) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stored?.sla.escalations.map((e) => `${e.clock} ${e.percent}`).sort()).toEqual([
      'resolution 100',
      'resolution 75',
      'response 100',
      'response 75',
    ]);
    expect(stored?.sla).toMatchObject({ responseBreached: true, resolutionBreached: true });

    const history = await supervisor.get<HistoryResponse>(`/api/tickets/${ticket.id}/history`);
    expect(history.body.events.filter((e) => e.action === 'breach')).toHaveLength(2);
    expect(history.body.events.filter((e) => e.action === 'escalate')).toHaveLength(2);
  });

  it('sends escalations to the queue’s supervisors, admins and the ticket’s assignee', () => {
    const note = { queueId: 'q-network', assigneeId: 'g' };
    expect(wantsEscalation({ id: 's', role: 'supervisor', queueIds: ['q-network'] }, note)).toBe(true);
    expect(wantsEscalation({ id: 's', role: 'supervisor', queueIds: ['q-hardware'] }, note)).toBe(false);
    expect(wantsEscalation({ id: 'a', role: 'admin', queueIds: [] }, note)).toBe(true);
    expect(wantsEscalation({ id: 'g', role: 'agent', queueIds: ['q-network'] }, note)).toBe(true);
    expect(wantsEscalation({ id: 'h', role: 'agent', queueIds: ['q-network'] }, note)).toBe(false);
    expect(wantsEscalation({ id: 'h', role: 'agent', queueIds: ['q-network'] }, { ...note, assigneeId: '' })).toBe(
      false,
    );
  });
});
