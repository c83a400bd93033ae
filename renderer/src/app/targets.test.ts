import { beforeEach, describe, expect, it } from 'vitest';
import { useUi } from '../ui-state';
import { actionTargets } from './targets';

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
  beforeEach(() => useUi.setState({ selected: [] }));

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
