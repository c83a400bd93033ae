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

  it('is All open tickets the first time for a supervisor or an admin, and their own tickets for everyone else', async () => {
    for (const [role, kind] of [
      ['supervisor', 'all'],
      ['admin', 'all'],
      ['agent', 'mine'],
      ['technician', 'mine'],
    ] as const) {
      localStorage.clear();
      const ui = await startApp();
      ui.getState().startAs(role);
      expect(ui.getState().view).toEqual({ kind });
    }
  });

  it('is the view a supervisor chose, after a restart, and the next person’s own after a sign-out', async () => {
    const first = await startApp();
    first.getState().startAs('supervisor');
    first.getState().showView({ kind: 'breached' });
    const again = await startApp();
    again.getState().startAs('supervisor');
    expect(again.getState().view).toEqual({ kind: 'breached' });
    again.getState().forgetView();
    const next = await startApp();
    next.getState().startAs('agent');
    expect(next.getState().view).toEqual({ kind: 'mine' });
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
