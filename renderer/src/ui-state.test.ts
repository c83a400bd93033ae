import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedFilter } from './ui-state';

/** The UI store as a fresh start of the app finds it: a new module instance reading what localStorage holds. */
async function startApp() {
  vi.resetModules();
  return (await import('./ui-state')).useUi;
}

describe('the view the workstation reopens on', () => {
  beforeEach(() => localStorage.clear());

  it('is My open tickets the first time', async () => {
    const ui = await startApp();
    expect(ui.getState().view).toEqual({ kind: 'mine' });
  });

  it('is the view shown last, after a restart', async () => {
    (await startApp()).getState().showView({ kind: 'queue', queueId: 'q-network' });
    expect((await startApp()).getState().view).toEqual({ kind: 'queue', queueId: 'q-network' });

    (await startApp()).getState().showView({ kind: 'all' });
    expect((await startApp()).getState().view).toEqual({ kind: 'all' });
  });

  it('is a saved filter with its own filters and sort, and My open tickets once that filter is deleted', async () => {
    const first = await startApp();
    first.getState().showView({ kind: 'unassigned' });
    first.getState().setFilters({ text: 'printer' });
    first.getState().setSort('updated');
    first.getState().saveFilter('Printers');
    const saved = first.getState().savedFilters[0] as SavedFilter;

    const second = (await startApp()).getState();
    expect(second.view).toEqual({ kind: 'saved', id: saved.id });
    expect(second.filters.text).toBe('printer');
    expect(second.sort).toBe('updated');

    second.deleteFilter(saved.id);
    expect((await startApp()).getState().view).toEqual({ kind: 'mine' });
  });

  it('is My open tickets when what was stored is not a view', async () => {
    for (const stored of ['{"kind":"everything"}', '{"kind":"queue"}', 'not json', '42']) {
      localStorage.setItem('workstation.view', stored);
      expect((await startApp()).getState().view).toEqual({ kind: 'mine' });
    }
  });
});

describe('extending the selection with Shift', () => {
  beforeEach(() => localStorage.clear());

  it('grows and shrinks the range from the anchor, keeping what was selected before it', async () => {
    const ui = (await startApp()).getState;
    ui().toggleSelected('z', 9);
    // A new anchor at row 2: z stays, the range follows the cursor both ways.
    ui().extendSelection(2, ['c', 'd', 'e']);
    expect(ui().selected).toEqual(['z', 'c', 'd', 'e']);
    ui().extendSelection(2, ['c', 'd']);
    expect(ui().selected).toEqual(['z', 'c', 'd']);
    ui().extendSelection(2, ['a', 'b', 'c']);
    expect(ui().selected).toEqual(['z', 'a', 'b', 'c']);
  });

  it('starts from the row x selected last', async () => {
    const ui = (await startApp()).getState;
    ui().toggleSelected('c', 2);
    ui().extendSelection(2, ['c', 'd']);
    expect(ui().selected).toEqual(['c', 'd']);
    ui().extendSelection(2, ['c']);
    expect(ui().selected).toEqual(['c']);
  });
});
