import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../shared/domain/user';
import { makeSavedView } from '../../shared/testing/fixtures';
import { accountKey } from './ui-state';

/** The UI store as a fresh start of the app finds it: a new module instance reading what localStorage holds. */
async function startApp() {
  vi.resetModules();
  return (await import('./ui-state')).useUi;
}

const ann = accountKey('https://desk.example', 'u-ann');
const ben = accountKey('https://desk.example', 'u-ben');
/** A fresh start of the app, with `account`'s session resumed or signed in. */
async function session(account: string, role: Role = 'agent') {
  const ui = await startApp();
  ui.getState().startSession(account, role);
  return ui;
}

describe('the view the workstation reopens on', () => {
  beforeEach(() => localStorage.clear());

  it('is My open tickets the first time', async () => {
    expect((await session(ann)).getState().view).toEqual({ kind: 'mine' });
  });

  it('is All open tickets the first time for a supervisor or an admin, and their own tickets for everyone else', async () => {
    for (const [role, kind] of [
      ['supervisor', 'all'],
      ['admin', 'all'],
      ['agent', 'mine'],
      ['technician', 'mine'],
    ] as const) {
      localStorage.clear();
      expect((await session(ann, role)).getState().view).toEqual({ kind });
    }
  });

  it('is the view a supervisor chose, after a restart, and the next person’s own after a sign-out', async () => {
    (await session(ann, 'supervisor')).getState().showView({ kind: 'breached' });
    const again = await session(ann, 'supervisor');
    expect(again.getState().view).toEqual({ kind: 'breached' });
    again.getState().endSession();
    expect((await session(ben, 'agent')).getState().view).toEqual({ kind: 'mine' });
    expect((await session(ann, 'supervisor')).getState().view).toEqual({ kind: 'all' });
  });

  it('is the view shown last, after a restart', async () => {
    (await session(ann)).getState().showView({ kind: 'queue', queueId: 'q-network' });
    expect((await session(ann)).getState().view).toEqual({ kind: 'queue', queueId: 'q-network' });

    (await session(ann)).getState().showView({ kind: 'all' });
    expect((await session(ann)).getState().view).toEqual({ kind: 'all' });
  });

  it('is a saved view with the filters and sort it was shown with', async () => {
    const saved = makeSavedView({ id: 'v-printers' });
    const first = await session(ann);
    first.getState().showSaved(saved);
    expect(first.getState()).toMatchObject({ filters: saved.definition.filters, sort: saved.definition.sort });

    const second = (await session(ann)).getState();
    expect(second.view).toEqual({ kind: 'saved', id: 'v-printers' });
    expect(second.filters).toEqual(saved.definition.filters);
    expect(second.sort).toBe('sla');
  });

  it('is each user’s own: the next person to sign in on the workstation starts on My open tickets', async () => {
    const ui = await session(ann);
    ui.getState().showSaved(makeSavedView({ id: 'v-anns' }));
    ui.getState().openTicket('t-1');
    // Ann's session expires and Ben signs in on the same workstation.
    ui.getState().startSession(ben, 'agent');
    expect(ui.getState()).toMatchObject({ view: { kind: 'mine' }, detail: 'closed', openTicketId: null });
    ui.getState().showView({ kind: 'unassigned' });
    expect((await session(ann)).getState().view).toEqual({ kind: 'saved', id: 'v-anns' });
    expect((await session(ben)).getState().view).toEqual({ kind: 'unassigned' });
  });

  it('is forgotten when its user signs out', async () => {
    const ui = await session(ann);
    ui.getState().showView({ kind: 'breached' });
    ui.getState().endSession();
    expect(ui.getState().view).toEqual({ kind: 'mine' });
    expect(Object.keys(localStorage).filter((key) => key.startsWith('workstation.view'))).toEqual([]);
    expect((await session(ann)).getState().view).toEqual({ kind: 'mine' });
  });

  it('is My open tickets when what was stored is not a view', async () => {
    for (const stored of ['{"view":{"kind":"everything"}}', '{"view":{"kind":"queue"}}', 'not json', '42']) {
      localStorage.setItem(`workstation.view:${ann}`, stored);
      expect((await session(ann)).getState().view).toEqual({ kind: 'mine' });
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
