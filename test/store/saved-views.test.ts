import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { describe, expect, it } from 'vitest';
import type { IndexedDbImpl } from '../../renderer/src/store/database';
import type { WorkstationStore } from '../../renderer/src/store/store';
import type { SavedView, ViewDefinition } from '../../shared/domain/preset';
import { makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient as client, fakeIndexedDb, forgetStore, state } from './harness/stores';

const agent = makeUser({ id: 'u-agent', role: 'agent' });
const priya = makeUser({ id: 'u-priya', email: 'priya@demo.local', role: 'agent' });
const printers: ViewDefinition = {
  base: { kind: 'unassigned' },
  filters: { text: 'printer', statuses: ['new', 'open'], priorities: [], assigneeId: null, tag: null },
  sort: 'sla',
};

const realDesk = deskPerTest();

/** The saved views a workstation lists, by name, once `until` holds. */
const names = async (store: WorkstationStore, until: (names: string[]) => boolean = () => true) =>
  firstValueFrom(store.savedViews.list$.pipe(filter((views) => until(views.map((v) => v.name))))).then(
    (views: SavedView[]) => views.map((v) => v.name),
  );

/**
 * The agent's workstations, each its own device and replica. RxDB's free edition opens at most 13 collections per
 * page, so one workstation is open at a time: switching closes the other, which keeps its replica and unsent changes
 * (as a workstation that is shut down does) until it is opened again.
 */
function workstations(server = realDesk()) {
  const devices = new Map<string, IndexedDbImpl>();
  let open: WorkstationStore | null = null;
  return {
    server,
    async use(device: string, user = agent, online = true): Promise<WorkstationStore> {
      if (open) {
        await open.close();
        forgetStore(open);
      }
      const indexedDB = devices.get(device) ?? fakeIndexedDb();
      devices.set(device, indexedDB);
      open = await client(server, user, { deviceId: device, indexedDB, autoStart: online });
      if (online) await open.sync.awaitInSync();
      return open;
    },
  };
}

const created = async (store: WorkstationStore, name: string) => {
  const result = await store.savedViews.create({ name, definition: printers });
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('saved views in the store', () => {
  it('a view saved offline is pending, then reaches the user’s other workstation and no one else’s', async () => {
    const desk = workstations();
    const one = await desk.use('ws-1', agent, false);
    const view = await created(one, 'Printers');
    expect(view).toMatchObject({ kind: 'view', ownerId: 'u-agent', name: 'Printers', definition: printers });
    expect(await names(one)).toEqual(['Printers']);
    expect((await state(one, (s) => s.pendingCount === 1)).pendingCount).toBe(1);
    expect(await desk.server.get('presets', view.id)).toBeUndefined();

    await one.sync.setOnline(true);
    await one.sync.awaitInSync();
    expect((await state(one, (s) => s.pendingCount === 0)).pendingCount).toBe(0);
    expect(await desk.server.get('presets', view.id)).toMatchObject({ name: 'Printers' });
    expect(await names(await desk.use('ws-2'))).toEqual(['Printers']);
    expect(await names(await desk.use('ws-priya', priya))).toEqual([]);
  });

  it('lists views oldest first on every workstation, whatever order they reach the server in', async () => {
    const desk = workstations();
    await created(await desk.use('ws-1'), 'First');
    await desk.use('ws-2');
    await created(await desk.use('ws-2', agent, false), 'Second (offline on 2)');
    await created(await desk.use('ws-1'), 'Third');
    const order = ['First', 'Second (offline on 2)', 'Third'];
    expect(await names(await desk.use('ws-2'))).toEqual(order);
    expect(await names(await desk.use('ws-1'))).toEqual(order);
  });

  it('a rename and a deletion made offline reach the other workstation once back online', async () => {
    const desk = workstations();
    let one = await desk.use('ws-1');
    const view = await created(one, 'Printers');
    const other = await created(one, 'Network');
    one = await desk.use('ws-1', agent, false);
    expect(await one.savedViews.update(view.id, { name: 'Printer jams' })).toMatchObject({ ok: true });
    expect(await one.savedViews.remove(other.id)).toEqual({ ok: true, value: undefined });
    expect((await state(one, (s) => s.pendingCount === 2)).pendingCount).toBe(2);
    one = await desk.use('ws-1');
    expect((await state(one, (s) => s.pendingCount === 0)).pendingCount).toBe(0);
    expect(await names(await desk.use('ws-2'))).toEqual(['Printer jams']);
  });

  it('renamed on two workstations offline: the server’s name stays, the other is kept to re-apply', async () => {
    const desk = workstations();
    const view = await created(await desk.use('ws-1'), 'Printers');
    await desk.use('ws-2');
    await (await desk.use('ws-2', agent, false)).savedViews.update(view.id, { name: 'Printer jams' });
    await (await desk.use('ws-1')).savedViews.update(view.id, { name: 'Printers (floor 3)' });
    const two = await desk.use('ws-2');

    expect(await names(two, (n) => n[0] === 'Printers (floor 3)')).toEqual(['Printers (floor 3)']);
    const { conflicts } = await state(two, (s) => s.conflicts.length > 0);
    expect(conflicts.map((c) => [c.collection, c.field, c.local, c.master])).toEqual([
      ['presets', 'name', 'Printer jams', 'Printers (floor 3)'],
    ]);
    expect(await two.conflicts.reapply(conflicts[0]?.id ?? '')).toEqual({ ok: true, value: undefined });
    await two.sync.awaitInSync();
    expect(await names(await desk.use('ws-1'))).toEqual(['Printer jams']);
  });

  it('a view renamed on one workstation and then deleted on another from an older state comes back renamed', async () => {
    const desk = workstations();
    const view = await created(await desk.use('ws-1'), 'Printers');
    await desk.use('ws-2');
    await (await desk.use('ws-2', agent, false)).savedViews.remove(view.id);
    await (await desk.use('ws-1')).savedViews.update(view.id, { name: 'Renamed on 1' });
    const two = await desk.use('ws-2');
    expect(await names(two, (n) => n.length === 1)).toEqual(['Renamed on 1']);
    expect((await state(two, (s) => s.pendingCount === 0)).rejections).toEqual([]);
  });

  it('a view deleted on one workstation and then renamed on another keeps the rename as refused, to make again', async () => {
    const desk = workstations();
    const view = await created(await desk.use('ws-1'), 'Printers');
    await desk.use('ws-2');
    await (await desk.use('ws-1', agent, false)).savedViews.update(view.id, { name: 'Too late' });
    await (await desk.use('ws-2')).savedViews.remove(view.id);
    const one = await desk.use('ws-1');
    expect(await names(one, (n) => n.length === 0)).toEqual([]);
    const { rejections } = await state(one, (s) => s.rejections.length === 1);
    expect(rejections[0]).toMatchObject({ collection: 'presets', local: { name: 'Too late' } });
    expect(await one.rejections.retry(rejections[0]?.id ?? '')).toEqual({ ok: true, value: undefined });
    await one.sync.awaitInSync();
    expect(await names(await desk.use('ws-2'))).toEqual(['Too late']);
  });

  it('refuses a name or a definition the server would refuse, saying why, and writes nothing', async () => {
    const one = await workstations().use('ws-1');
    expect(await one.savedViews.create({ name: '   ', definition: printers })).toEqual({
      ok: false,
      error: 'name: is required',
    });
    const bad = { ...printers, filters: { ...printers.filters, tag: 'two words' } };
    expect(await one.savedViews.create({ name: 'Tagged', definition: bad })).toEqual({
      ok: false,
      error: 'definition.filters.tag: must be one word without commas',
    });
    expect(await names(one)).toEqual([]);
    expect((await state(one, () => true)).pendingCount).toBe(0);
  });
});
