import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../shared/result';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { withLocalFields } from '../../../shared/rxdb/schemas';
import { makeComment } from '../../../shared/testing/fixtures';
import { GlobalActions } from '../app/GlobalActions';
import { READ_ONLY_REFUSAL } from '../app/targets';
import { demoTicket } from '../rx/demo-data';
import type { ServerReadFailure, ServerTicketCopy } from '../rx/store-api';
import { demoUser, demoWorkspaceEachTest, renderInWorkspace } from '../testing/workspace';
import { useUi } from '../ui-state';
import { DetailPane } from './DetailPane';

const agent = demoUser('agent');
const desk = demoWorkspaceEachTest(agent, 6);
// A demo ticket the replica does not hold (it holds the first six), closed long ago.
const old = {
  ...demoTicket(40, Date.now()),
  id: 't-old',
  number: 4040,
  status: 'closed' as const,
  type: 'incident' as const,
};
const copy: ServerTicketCopy = {
  ticket: old,
  comments: [makeComment({ ticketId: old.id, authorId: agent.id, body: 'Replaced the fuser; printing again.' })],
  workingSetDays: 7,
  readAt: new Date().toISOString(),
};

/**
 * The store reads `answer` for the ticket the replica does not hold, and answers `broughtBack` when asked to bring it
 * to this device (recorded in `brought`).
 */
function serverAnswers(
  answer: Result<ServerTicketCopy, ServerReadFailure>,
  broughtBack: Result<boolean, ServerReadFailure> = ok(true),
) {
  const reads: string[] = [];
  const brought: string[] = [];
  desk.store.serverTickets = {
    search: async () => ok([]),
    read: async (id) => {
      reads.push(id);
      return answer;
    },
    // Once read, as the store's cache would.
    cached: (id) => (reads.includes(id) && answer.ok ? answer.value : null),
    bringBack: async (id) => {
      brought.push(id);
      return broughtBack;
    },
  };
  return { reads, brought };
}

/** The pane with the workspace's global key handlers (b, which brings a ticket here, is one). */
const renderWithKeys = () =>
  renderInWorkspace(
    desk.store,
    agent,
    <>
      <GlobalActions />
      <DetailPane />
    </>,
  );

const press = (key: string, mods: { shiftKey?: boolean } = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...mods });

beforeEach(() => {
  useUi.setState({
    detail: 'closed',
    openTicketId: null,
    readOnlyTicketId: null,
    bringingBackId: null,
    composer: null,
    picker: null,
  });
  useUi.getState().openTicket(old.id, 'split', { readOnly: true });
  useUi.setState({ focusArea: 'detail', announcement: null });
});

describe('a ticket not on this device, in the detail pane', () => {
  it('is read from the server and shown read-only, with a banner saying why', async () => {
    const { reads } = serverAnswers(ok(copy));
    renderInWorkspace(desk.store, agent, <DetailPane />);
    const pane = await screen.findByRole('region', { name: 'Ticket INC-4040' });
    expect(within(pane).getByTestId('server-copy-banner').textContent).toMatch(
      /^Not on this device: read from the server at .+, read-only\. Closed tickets older than 7 days are kept on the server only\.Work on it here B$/,
    );
    expect(within(pane).getByRole('heading', { name: old.title })).toBeTruthy();
    expect(within(pane).getByText('Replaced the fuser; printing again.')).toBeTruthy();
    // Nothing offers an edit: no key hints, no field buttons, no reply or note.
    expect(within(pane).queryByRole('button', { name: /: change$/ })).toBeNull();
    expect(within(pane).queryByRole('button', { name: /Reply|Internal note/ })).toBeNull();
    // The one key offered brings it to this device.
    expect([...pane.querySelectorAll('kbd')].map((kbd) => kbd.closest('button')?.textContent)).toEqual([
      'Work on it here B',
    ]);
    expect(useUi.getState().readOnlyTicketId).toBe(old.id);
    expect(reads).toEqual([old.id]);
  });

  it('refuses every key that would change it, and says why', async () => {
    serverAnswers(ok(copy));
    renderInWorkspace(desk.store, agent, <DetailPane />);
    const pane = await screen.findByRole('region', { name: 'Ticket INC-4040' });
    act(() => pane.focus());
    for (const [key, shiftKey] of [
      ['e', false],
      ['d', false],
      ['s', false],
      ['r', false],
      ['n', false],
      ['A', true],
    ] as const) {
      act(() => useUi.setState({ announcement: null }));
      press(key, { shiftKey });
      expect(useUi.getState().announcement?.text, key).toBe(READ_ONLY_REFUSAL);
    }
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(useUi.getState()).toMatchObject({ picker: null, composer: null });
  });

  it('says to connect when offline, and what the server said otherwise', async () => {
    serverAnswers(err({ reason: 'offline' }));
    const { unmount } = renderInWorkspace(desk.store, agent, <DetailPane />);
    expect((await screen.findByTestId('server-copy-failed')).textContent).toBe(
      'Not on this device. Connect to read this ticket from the server.',
    );
    unmount();
    serverAnswers(err({ reason: 'not-on-server' }));
    renderInWorkspace(desk.store, agent, <DetailPane />);
    expect((await screen.findByTestId('server-copy-failed')).textContent).toMatch(/the server has none you may see/);
  });

  it('is not what the pane shows for a ticket the replica holds, which stays editable', async () => {
    serverAnswers(ok(copy));
    const held = demoTicket(2, Date.now());
    act(() => useUi.getState().openTicket(held.id, 'split', { readOnly: true })); // as if found on the server
    renderInWorkspace(desk.store, agent, <DetailPane />);
    const pane = await screen.findByRole('region', { name: /^Ticket / });
    await waitFor(() => expect(useUi.getState().readOnlyTicketId).toBeNull());
    expect(within(pane).getByRole('button', { name: 'Title: change' })).toBeTruthy();
    expect(screen.queryByTestId('server-copy-banner')).toBeNull();
  });

  it('is brought to this device with b: the banner says it is on its way, and once the replica holds it the pane is editable', async () => {
    const { brought } = serverAnswers(ok(copy));
    renderWithKeys();
    const pane = await screen.findByRole('region', { name: 'Ticket INC-4040' });
    expect(within(pane).getByRole('button', { name: 'Work on it here B' })).toBeTruthy();
    act(() => pane.focus());
    press('b');
    await waitFor(() => expect(brought).toEqual([old.id]));
    expect(useUi.getState().announcement?.text).toBe('Bringing INC-4040 to this device…');
    expect(within(pane).getByRole('status').textContent).toBe('Bringing it to this device…');
    press('b');
    expect(brought, 'asked once').toEqual([old.id]);

    // Sync brings it: the pane shows the replica's ticket, editable, and the marks are gone.
    await act(() => desk.store.db.tickets.insert(withLocalFields('tickets', old) as LocalTicket));
    expect(await within(pane).findByRole('button', { name: 'Title: change' })).toBeTruthy();
    expect(within(pane).queryByTestId('server-copy-banner')).toBeNull();
    expect(useUi.getState()).toMatchObject({ readOnlyTicketId: null, bringingBackId: null });
  });

  it('says why it could not be brought, and offers it again', async () => {
    const { brought } = serverAnswers(ok(copy), err({ reason: 'offline' }));
    renderWithKeys();
    const pane = await screen.findByRole('region', { name: 'Ticket INC-4040' });
    fireEvent.click(within(pane).getByRole('button', { name: 'Work on it here B' }));
    await waitFor(() =>
      expect(useUi.getState().announcement?.text).toBe('Not brought to this device: connect to the server first'),
    );
    expect(brought).toEqual([old.id]);
    expect(useUi.getState()).toMatchObject({ readOnlyTicketId: old.id, bringingBackId: null });
    expect(within(pane).getByRole('button', { name: 'Work on it here B' })).toBeTruthy();
  });

  it('offers no bringing here for a ticket the replica holds', async () => {
    const { brought } = serverAnswers(ok(copy));
    const held = demoTicket(2, Date.now());
    act(() => useUi.getState().openTicket(held.id, 'split'));
    renderWithKeys();
    const pane = await screen.findByRole('region', { name: /^Ticket / });
    act(() => pane.focus());
    press('b');
    expect(brought).toEqual([]);
    expect(useUi.getState().bringingBackId).toBeNull();
  });
});
