import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSeq } from '../../server/sync/seq';
import type { SavedView } from '../../shared/domain/preset';
import type { SyncDoc } from '../../shared/sync/protocol';
import { makeSavedView } from '../../shared/testing/fixtures';
import { Api, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { streamEvent } from './rest';

/** Saved views (the `presets` collection): each user's own, on the server, replicated to them alone. */
describe.each(TEST_ENGINES)('saved views on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  let priya: Api;
  let supervisor: Api;
  let admin: Api;
  let requester: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    const login = (name: string) => Api.login(server.url, `${name}@demo.local`);
    [agent, priya, supervisor, admin, requester] = await Promise.all([
      login('agent'),
      login('priya.shah'),
      login('supervisor'),
      login('admin'),
      login('requester'),
    ]);
  });
  afterAll(() => server?.stop());

  let counter = 0;
  const view = (patch: Partial<SavedView> = {}): SyncDoc<'presets'> => {
    counter += 1;
    return { ...makeSavedView({ id: `v-${engine}-${counter}`, name: `View ${counter}`, ...patch }), _deleted: false };
  };
  const create = (api: Api, doc: SyncDoc<'presets'>) =>
    api.push('presets', [{ assumedMasterState: null, newDocumentState: doc }]);
  const pulled = async (api: Api) => (await api.pullAll('presets')).documents;
  const names = async (api: Api) =>
    (await pulled(api)).flatMap((doc) => (doc._deleted ? [] : [(doc as SavedView).name])).sort();
  const seq = async () => currentSeq(server.db);
  const stored = async (id: string) =>
    (
      await server.db.query<{ doc: SavedView; deleted: boolean }>('SELECT doc, deleted FROM presets WHERE id = $1', [
        id,
      ])
    ).rows[0];

  it('keeps a view on the server and sends it to its owner only', async () => {
    const mine = view({ name: 'Printers' });
    expect((await create(agent, mine)).body).toEqual({ conflicts: [], rejected: [] });
    expect(await names(agent)).toContain('Printers');
    expect((await pulled(agent)).find((doc) => doc.id === mine.id)).toEqual(mine);
    for (const other of [priya, supervisor, admin]) expect(await names(other)).not.toContain('Printers');
    expect(await requester.pull('presets')).toEqual({
      status: 403,
      body: {
        error:
          'Requesters do not sync: raise and follow your requests in the portal (/portal/; POST /api/requests to raise one)',
      },
    });
  });

  it('lets nobody else change or delete a view, nor learn what it holds, and writes nothing', async () => {
    const mine = view({ ownerId: 'u-agent' });
    await create(agent, mine);
    const before = await seq();
    const renamed = { ...mine, name: 'Taken over' };
    const deleted = { ...mine, _deleted: true };
    for (const other of [priya, admin]) {
      for (const newDocumentState of [renamed, deleted]) {
        const reply = await other.push('presets', [{ assumedMasterState: mine, newDocumentState }]);
        expect(reply.body).toEqual({
          conflicts: [],
          rejected: [
            {
              id: mine.id,
              code: 'forbidden',
              message: 'This saved view belongs to someone else',
              master: { id: mine.id, _deleted: true },
            },
          ],
        });
      }
    }
    expect(await seq()).toBe(before);
    expect((await stored(mine.id))?.doc.name).toBe(mine.name);
  });

  it('refuses a view made for someone else, and a requester’s', async () => {
    const forPriya = view({ ownerId: 'u-priya' });
    expect((await create(agent, forPriya)).body.rejected).toEqual([
      {
        id: forPriya.id,
        code: 'forbidden',
        message: 'ownerId: saved views can only be made for yourself',
        master: null,
      },
    ]);
    // Requesters do not sync at all (write-rules.test.ts); the preset rule refuses them too (preset-rules.ts).
    const requesters = view({ ownerId: 'u-requester' });
    expect((await create(requester, requesters)).status).toBe(403);
    expect(await stored(forPriya.id)).toBeUndefined();
    expect(await stored(requesters.id)).toBeUndefined();
  });

  it('validates the view’s definition, naming each wrong field, and writes nothing', async () => {
    const before = await seq();
    const broken = view({
      name: '   ',
      definition: {
        base: { kind: 'queue' } as never,
        filters: {
          text: 'x'.repeat(201),
          statuses: ['open', 'lost' as never],
          priorities: ['P1', 'P1'],
          assigneeId: null,
          tag: 'two words',
        },
        sort: 'random' as never,
      },
    });
    const reply = await create(agent, broken);
    expect(reply.body.rejected).toHaveLength(1);
    const message = reply.body.rejected[0]?.message ?? '';
    for (const field of [
      'name',
      'definition.base',
      'definition.filters.text',
      'definition.filters.statuses.1',
      'definition.filters.priorities',
      'definition.filters.tag',
      'definition.sort',
    ])
      expect(message).toContain(`${field}:`);
    expect(reply.body.rejected[0]?.code).toBe('validation');
    expect(await seq()).toBe(before);
  });

  it('creates a view once when the same push arrives twice, and keeps when it was made', async () => {
    const doc = view({ createdAt: '2026-11-02T09:00:00.000Z' });
    expect((await create(agent, doc)).body).toEqual({ conflicts: [], rejected: [] });
    const after = await seq();
    expect((await create(agent, doc)).body).toEqual({ conflicts: [], rejected: [] });
    expect(await seq()).toBe(after);
    expect((await stored(doc.id))?.doc.createdAt).toBe('2026-11-02T09:00:00.000Z');
  });

  it('answers a stale rename with the current view, and refuses changing what is fixed at creation', async () => {
    const base = view({ name: 'Base' });
    await create(agent, base);
    const first = { ...base, name: 'Renamed on workstation 1' };
    expect((await agent.push('presets', [{ assumedMasterState: base, newDocumentState: first }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    const second = { ...base, name: 'Renamed on workstation 2' };
    expect((await agent.push('presets', [{ assumedMasterState: base, newDocumentState: second }])).body).toEqual({
      conflicts: [first],
      rejected: [],
    });
    const moved = { ...first, createdAt: '2020-01-01T00:00:00.000Z' };
    expect(
      (await agent.push('presets', [{ assumedMasterState: first, newDocumentState: moved }])).body.rejected,
    ).toEqual([{ id: base.id, code: 'immutable', message: 'createdAt: cannot change once made', master: first }]);
    expect((await stored(base.id))?.doc.name).toBe('Renamed on workstation 1');
  });

  it('deletes a view: the owner’s other workstations receive a tombstone, and it stays deleted', async () => {
    const doc = view();
    await create(agent, doc);
    const { checkpoint } = await agent.pullAll('presets');
    const deleted = { ...doc, _deleted: true };
    expect((await agent.push('presets', [{ assumedMasterState: doc, newDocumentState: deleted }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect((await agent.pullAll('presets', checkpoint)).documents).toEqual([{ id: doc.id, _deleted: true }]);
    // Deleting again changes nothing; a rename from a workstation that missed the delete meets the tombstone.
    const before = await seq();
    expect((await agent.push('presets', [{ assumedMasterState: doc, newDocumentState: deleted }])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(await seq()).toBe(before);
    const late = { ...doc, name: 'Too late' };
    expect((await agent.push('presets', [{ assumedMasterState: doc, newDocumentState: late }])).body).toEqual({
      conflicts: [{ id: doc.id, _deleted: true }],
      rejected: [],
    });
    expect(await stored(doc.id)).toMatchObject({ deleted: true, doc: { name: doc.name } });
  });

  it('audits every change with who, from which device, and what changed', async () => {
    const doc = view({ name: 'Audited' });
    await create(agent, doc);
    const renamed = { ...doc, name: 'Audited again' };
    await agent.push('presets', [{ assumedMasterState: doc, newDocumentState: renamed }]);
    await agent.push('presets', [{ assumedMasterState: renamed, newDocumentState: { ...renamed, _deleted: true } }]);
    const events = await server.db.query<{ action: string; actor_id: string; device_id: string; changes: unknown }>(
      "SELECT action, actor_id, device_id, changes FROM audit_events WHERE entity = 'preset' AND entity_id = $1 ORDER BY seq",
      [doc.id],
    );
    expect(events.rows.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
    expect(events.rows.every((row) => row.actor_id === 'u-agent' && row.device_id === 'test-device')).toBe(true);
    expect(events.rows[1]?.changes).toEqual([{ field: 'name', from: 'Audited', to: 'Audited again' }]);
  });

  it('tells only the owner’s live streams of a change', async () => {
    const priyas = streamEvent<{ type: string; collection?: string; seq?: number }>(
      server.url,
      priya.token ?? '',
      (event) => event.type === 'change' && event.collection === 'presets',
    );
    await priyas.ready;
    await create(agent, view());
    await create(priya, view({ ownerId: 'u-priya' }));
    const hers = await seq();
    // Her stream's first note about presets is her own change, not the agent's made just before.
    expect(await priyas.event).toEqual({ type: 'change', collection: 'presets', seq: hers });
  });
});
