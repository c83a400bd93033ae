import { beforeEach, describe, expect, it } from 'vitest';
import { bindingFor } from '../../../shared/keymap';
import { useUi } from '../ui-state';
import { actionTargets, changesReadOnly } from './targets';

/** The list's highlighted row is `row`; the pane shows `shown` (null: closed); `x`, `y` are selected. */
const state = (shown: string | null, focusArea: 'list' | 'detail', selected: string[] = []) =>
  useUi.setState({
    activeId: 'row',
    activeIndex: 3,
    openTicketId: shown,
    detail: shown ? 'split' : 'closed',
    focusArea,
    selected,
  });

describe('the tickets a key acts on', () => {
  beforeEach(() => useUi.setState({ selected: [], readOnlyTicketId: null }));

  it('is the ticket the pane shows, not the row the list highlights (after Create ticket)', () => {
    state('new-ticket', 'list');
    expect(actionTargets()).toEqual(['new-ticket']);
    state('new-ticket', 'detail');
    expect(actionTargets()).toEqual(['new-ticket']);
  });

  it('is the highlighted row while no ticket is open', () => {
    state(null, 'list');
    expect(actionTargets()).toEqual(['row']);
  });

  it('is the selection, except in the pane, which acts on its own ticket', () => {
    state('shown', 'list', ['x', 'y']);
    expect(actionTargets()).toEqual(['x', 'y']);
    state('shown', 'detail', ['x', 'y']);
    expect(actionTargets()).toEqual(['shown']);
  });
});

describe('a ticket shown read-only (the server’s copy: not on this device)', () => {
  beforeEach(() => useUi.setState({ selected: [], readOnlyTicketId: null }));
  const status = bindingFor('ticket.status');
  const reply = bindingFor('ticket.reply');

  it('refuses what would change it, from the pane or the list, and nothing else', () => {
    state('old', 'detail');
    useUi.getState().markReadOnly('old', true);
    expect(changesReadOnly(status)).toBe(true);
    expect(changesReadOnly(reply)).toBe(true);
    expect(changesReadOnly(bindingFor('ticket.create'))).toBe(false);
    expect(changesReadOnly(bindingFor('view.all'))).toBe(false);
    state('old', 'list');
    expect(changesReadOnly(status)).toBe(true);
  });

  it('leaves a selection in the list free to change, but not a reply, which is for the ticket on screen', () => {
    state('old', 'list', ['x', 'y']);
    useUi.getState().markReadOnly('old', true);
    expect(changesReadOnly(status)).toBe(false);
    expect(changesReadOnly(reply)).toBe(true);
  });

  it('is the open ticket only, as the pane says, and stays so between split and full view', () => {
    state('old', 'detail');
    const ui = useUi.getState();
    ui.openTicket('old', 'split', { readOnly: true });
    ui.openTicket('old', 'full');
    expect(changesReadOnly(status)).toBe(true);
    ui.markReadOnly('old', false); // it came back into the replica
    expect(changesReadOnly(status)).toBe(false);
    ui.markReadOnly('other', true); // not the open one
    expect(useUi.getState().readOnlyTicketId).toBeNull();
    ui.openTicket('old', 'split', { readOnly: true });
    ui.openTicket('new');
    expect(changesReadOnly(status), 'another ticket opened').toBe(false);
  });
});
