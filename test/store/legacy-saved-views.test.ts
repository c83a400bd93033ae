import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  adoptLegacySavedViews,
  LEGACY_SAVED_KEY,
  LEGACY_VIEW_KEY,
  takeLegacyLastView,
} from '../../renderer/src/queue/legacy-saved-views';
import { DEFAULT_FILTERS } from '../../renderer/src/ui-state';
import { makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient } from './harness/stores';

/** What a workstation before the upgrade kept in localStorage (ui-state's old `savedFilters`). */
const OLD_VIEWS = [
  {
    id: '5b0c8a52-0d4e-4a52-9a7e-1f0d4d1c2a01',
    name: 'Network P1',
    view: { kind: 'queue', queueId: 'q-network' },
    filters: { ...DEFAULT_FILTERS, priorities: ['P1'] },
    sort: 'priority',
  },
  {
    id: '5b0c8a52-0d4e-4a52-9a7e-1f0d4d1c2a02',
    name: 'Printers',
    view: { kind: 'unassigned' },
    filters: { ...DEFAULT_FILTERS, text: 'printer', tag: 'not a tag' },
    sort: 'sideways',
  },
];
const agent = makeUser({ id: 'u-agent', role: 'agent' });

/** The browser's localStorage, as the old workstation left it (these tests run in Node). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

let localStorage = new MemoryStorage();
beforeEach(() => {
  localStorage = new MemoryStorage();
});
const desk = deskPerTest();

describe('saved views kept in the browser before the upgrade', () => {
  it('become the signed-in user’s synced views, in their order, and leave the browser', async () => {
    localStorage.setItem(LEGACY_SAVED_KEY, JSON.stringify(OLD_VIEWS));
    const server = desk();
    const store = await openClient(server, agent);
    await adoptLegacySavedViews(store, localStorage);
    await store.sync.awaitInSync();

    const views = await firstValueFrom(store.savedViews.list$);
    expect(views.map((v) => [v.id, v.name, v.ownerId])).toEqual([
      [OLD_VIEWS[0]?.id, 'Network P1', 'u-agent'],
      [OLD_VIEWS[1]?.id, 'Printers', 'u-agent'],
    ]);
    expect(views[0]?.definition).toEqual({
      base: { kind: 'queue', queueId: 'q-network' },
      filters: { ...DEFAULT_FILTERS, priorities: ['P1'] },
      sort: 'priority',
    });
    // What no longer validates falls back field by field; the rest of the view is kept.
    expect(views[1]?.definition).toEqual({
      base: { kind: 'unassigned' },
      filters: { ...DEFAULT_FILTERS, text: 'printer', tag: null },
      sort: 'sla',
    });
    expect((await server.all('presets')).map((v) => v.id)).toEqual(OLD_VIEWS.map((v) => v.id));
    expect(localStorage.getItem(LEGACY_SAVED_KEY)).toBeNull();
  });

  it('are adopted once: a second start after an interrupted one adds nothing twice', async () => {
    localStorage.setItem(LEGACY_SAVED_KEY, JSON.stringify(OLD_VIEWS));
    const store = await openClient(desk(), agent);
    await store.savedViews.create({
      id: OLD_VIEWS[0]?.id,
      name: 'Network P1',
      definition: { base: { kind: 'all' }, filters: DEFAULT_FILTERS, sort: 'sla' },
    });
    await adoptLegacySavedViews(store, localStorage);
    await adoptLegacySavedViews(store, localStorage);
    expect((await firstValueFrom(store.savedViews.list$)).map((v) => v.name)).toEqual(['Network P1', 'Printers']);
  });

  it('bring the view last shown with them, once', () => {
    localStorage.setItem(LEGACY_SAVED_KEY, JSON.stringify(OLD_VIEWS));
    localStorage.setItem(LEGACY_VIEW_KEY, JSON.stringify({ kind: 'saved', id: OLD_VIEWS[0]?.id }));
    expect(takeLegacyLastView(localStorage)).toEqual({
      saved: {
        id: OLD_VIEWS[0]?.id,
        definition: expect.objectContaining({ base: { kind: 'queue', queueId: 'q-network' }, sort: 'priority' }),
      },
    });
    expect(takeLegacyLastView(localStorage)).toBeNull();
    localStorage.setItem(LEGACY_VIEW_KEY, JSON.stringify({ kind: 'breached' }));
    expect(takeLegacyLastView(localStorage)).toEqual({ view: { kind: 'breached' } });
  });
});
