import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
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
    let created: SlaPolicy | undefined;
    const afterCreate = await pulledAfter('sla_policies', async () => {
      const reply = await admin.post<SlaPolicy>('/api/admin/sla-policies', input);
      expect(reply.status).toBe(201);
      created = reply.body;
    });
    expect(afterCreate).toEqual([{ ...input, updatedAt: created?.updatedAt, _deleted: false }]);

    const changed = { ...input, name: 'VIP desk', targets: targets(10) };
    const afterUpdate = await pulledAfter('sla_policies', async () => {
      expect((await admin.put('/api/admin/sla-policies/sla-vip', changed)).status).toBe(200);
    });
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
    let created: ServiceCatalogItem | undefined;
    const afterCreate = await pulledAfter('catalog', async () => {
      const reply = await admin.post<ServiceCatalogItem>('/api/admin/catalog', input);
      expect(reply.status).toBe(201);
      created = reply.body;
    });
    expect(afterCreate).toEqual([{ ...input, updatedAt: created?.updatedAt, _deleted: false }]);

    const afterUpdate = await pulledAfter('catalog', async () => {
      expect((await admin.put('/api/admin/catalog/cat-headset', { ...input, active: false })).status).toBe(200);
    });
    expect(afterUpdate).toEqual([expect.objectContaining({ id: 'cat-headset', active: false })]);
  });

  it('updates a calendar', async () => {
    const current = await admin.get<BusinessCalendar>('/api/admin/calendars/cal-business-hours');
    expect(current.status).toBe(200);
    const { id: _id, updatedAt: _at, ...fields } = current.body;
    const holidays = [...fields.holidays, '2031-12-24'];
    const documents = await pulledAfter('calendars', async () => {
      const reply = await admin.put('/api/admin/calendars/cal-business-hours', { ...fields, holidays });
      expect(reply.status).toBe(200);
    });
    expect(documents).toEqual([expect.objectContaining({ id: 'cal-business-hours', holidays })]);
  });
});
