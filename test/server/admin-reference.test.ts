import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { SyncCollection } from '../../shared/sync/protocol';
import { Api, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { callsAs } from './rest';

/**
 * An admin's successful writes to SLA policies, the catalog and calendars reach a workstation that has already
 * synced: its next pull from its checkpoint brings exactly the changed document, as the admin saved it.
 */
describe.each(TEST_ENGINES)('admin reference data reaching workstations on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  let admin: ReturnType<typeof callsAs>;

  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
    admin = callsAs(server.url, (await Api.login(server.url, 'admin@demo.local')).token);
  });
  afterAll(() => server?.stop());

  /** Runs `change` between two pulls of `collection` by the agent; returns what the second pull brought. */
  const pulledAfter = async (collection: SyncCollection, change: () => Promise<void>) => {
    const { checkpoint } = await agent.pullAll(collection);
    await change();
    return (await agent.pullAll(collection, checkpoint)).documents;
  };

  /** Creates `input` at `path`; returns the document as saved (with its server time) and what the next pull brought. */
  const created = async (collection: SyncCollection, path: string, input: object) => {
    let saved: { updatedAt?: string } = {};
    const pulled = await pulledAfter(collection, async () => {
      const reply = await admin.post<{ updatedAt: string }>(path, input);
      expect(reply.status).toBe(201);
      saved = reply.body;
    });
    return { saved, pulled };
  };

  /** Replaces the document at `path` with `input`; returns what the next pull brought. */
  const updated = (collection: SyncCollection, path: string, input: object) =>
    pulledAfter(collection, async () => {
      expect((await admin.put(path, input)).status).toBe(200);
    });

  const targets = (responseMinutes: number) =>
    Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { responseMinutes, resolutionMinutes: 600 }]));

  it('creates and updates an SLA policy', async () => {
    const input = {
      id: 'sla-vip',
      name: 'VIP',
      calendarId: 'cal-24x7',
      targets: targets(30),
      warnAtPercent: 80,
      escalateAtPercents: [100],
      pauseStatuses: ['on_hold'],
      queueIds: ['q-network'],
    };
    const { saved, pulled } = await created('sla_policies', '/api/admin/sla-policies', input);
    expect(pulled).toEqual([{ ...input, updatedAt: saved.updatedAt, _deleted: false }]);

    const changed = { ...input, name: 'VIP desk', targets: targets(10) };
    const afterUpdate = await updated('sla_policies', '/api/admin/sla-policies/sla-vip', changed);
    expect(afterUpdate).toEqual([expect.objectContaining({ id: 'sla-vip', name: 'VIP desk', targets: targets(10) })]);
  });

  it('creates and updates a catalog item', async () => {
    const input = {
      id: 'cat-headset',
      name: 'Headset',
      description: 'A wired headset for calls',
      category: 'Hardware',
      ticketType: 'service_request',
      defaultQueueId: 'q-hardware',
      impact: 3,
      urgency: 3,
      active: true,
      fields: [{ key: 'wireless', label: 'Wireless', kind: 'checkbox', required: false }],
    };
    const { saved, pulled } = await created('catalog', '/api/admin/catalog', input);
    expect(pulled).toEqual([{ ...input, updatedAt: saved.updatedAt, _deleted: false }]);

    const afterUpdate = await updated('catalog', '/api/admin/catalog/cat-headset', { ...input, active: false });
    expect(afterUpdate).toEqual([expect.objectContaining({ id: 'cat-headset', active: false })]);
  });

  it('updates a calendar', async () => {
    const current = await admin.get<BusinessCalendar>('/api/admin/calendars/cal-business-hours');
    expect(current.status).toBe(200);
    const { id: _id, updatedAt: _at, ...fields } = current.body;
    const holidays = [...fields.holidays, '2031-12-24'];
    const documents = await updated('calendars', '/api/admin/calendars/cal-business-hours', { ...fields, holidays });
    expect(documents).toEqual([expect.objectContaining({ id: 'cal-business-hours', holidays })]);
  });
});
