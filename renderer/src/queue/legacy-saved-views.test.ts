import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser } from '../../../shared/testing/fixtures';
import { closeOpenStores, openClient, serverWithData } from '../store/testing/stores';
import { DEFAULT_FILTERS } from '../ui-state';
import { adoptLegacySavedViews, LEGACY_SAVED_KEY, LEGACY_VIEW_KEY, takeLegacyLastView } from './legacy-saved-views';

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

beforeEach(() => localStorage.clear());
afterEach(closeOpenStores);

describe('saved views kept in the browser before the upgrade', () => {
  it('become the signed-in user’s synced views, in their order, and leave the browser', async () => {
    localStorage.setItem(LEGACY_SAVED_KEY, JSON.stringify(OLD_VIEWS));
    const server = serverWithData();
    const store = await openClient(server, agent);
    await adoptLegacySavedViews(store);
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
    expect(server.all('presets').map((v) => v.id)).toEqual(OLD_VIEWS.map((v) => v.id));
    expect(localStorage.getItem(LEGACY_SAVED_KEY)).toBeNull();
  });

  it('are adopted once: a second start after an interrupted one adds nothing twice', async () => {
    localStorage.setItem(LEGACY_SAVED_KEY, JSON.stringify(OLD_VIEWS));
    const store = await openClient(serverWithData(), agent);
    await store.savedViews.create({
      id: OLD_VIEWS[0]?.id,
      name: 'Network P1',
      definition: { base: { kind: 'all' }, filters: DEFAULT_FILTERS, sort: 'sla' },
    });
    await adoptLegacySavedViews(store);
    await adoptLegacySavedViews(store);
    expect((await firstValueFrom(store.savedViews.list$)).map((v) => v.name)).toEqual(['Network P1', 'Printers']);
  });

  it('bring the view last shown with them, once', () => {
    localStorage.setItem(LEGACY_SAVED_KEY, JSON.stringify(OLD_VIEWS));
    localStorage.setItem(LEGACY_VIEW_KEY, JSON.stringify({ kind: 'saved', id: OLD_VIEWS[0]?.id }));
    expect(takeLegacyLastView()).toEqual({
      saved: {
        id: OLD_VIEWS[0]?.id,
        definition: expect.objectContaining({ base: { kind: 'queue', queueId: 'q-network' }, sort: 'priority' }),
      },
    });
    expect(takeLegacyLastView()).toBeNull();
    localStorage.setItem(LEGACY_VIEW_KEY, JSON.stringify({ kind: 'breached' }));
    expect(takeLegacyLastView()).toEqual({ view: { kind: 'breached' } });
  });
});
