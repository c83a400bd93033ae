import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoUser, demoWorkspaceEachTest, renderInWorkspace } from '../testing/workspace';
import { useUi } from '../ui-state';
import { Pickers } from './Pickers';

const agent = demoUser('agent');
const desk = demoWorkspaceEachTest(agent, 4);

describe('a picker for a ticket the replica no longer holds', () => {
  it('closes and says why, instead of waiting with nothing on screen', async () => {
    renderInWorkspace(desk.store, agent, <Pickers />);
    act(() => useUi.getState().openPicker('status', ['no-such-ticket']));
    await waitFor(() => expect(useUi.getState().picker).toBeNull());
    expect(useUi.getState().announcement?.text).toBe('That ticket is no longer on this workstation');
  });
});
