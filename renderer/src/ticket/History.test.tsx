import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { AuditEvent } from '../../../shared/domain/audit';
import { err, ok } from '../../../shared/result';
import { demoTicket } from '../rx/demo-data';
import { demoUser, demoWorkspaceEachTest, renderInWorkspace } from '../testing/workspace';
import { History } from './History';

const supervisor = demoUser('supervisor');
const desk = demoWorkspaceEachTest(supervisor, 3);
const ticket = demoTicket(1, Date.now());

const statusChange = (id: string, to: string): AuditEvent => ({
  id,
  entity: 'ticket',
  entityId: ticket.id,
  action: 'update',
  actorId: supervisor.id,
  deviceId: 'd-1',
  at: '2026-03-02T10:00:00.000Z',
  changes: [{ field: 'status', from: 'open', to }],
});

/**
 * The history is read through the store (store.server), never with a fetch of its own: only the store's HTTP client
 * holds requests while the user is offline, asks for sign-in on a 401 and sends the device id.
 */
let pageFetch: MockInstance<typeof fetch>;
beforeEach(() => {
  pageFetch = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('History must not fetch by itself'));
});
afterEach(() => {
  expect(pageFetch).not.toHaveBeenCalled();
  pageFetch.mockRestore();
});

/** The history of a ticket that a button edits (a new revision each click), as the detail pane shows it. */
function EditedTicket() {
  const [revision, setRevision] = useState(1);
  return (
    <>
      <button type="button" onClick={() => setRevision((r) => r + 1)}>
        Edit the ticket
      </button>
      <History ticketId={ticket.id} revision={String(revision)} />
    </>
  );
}

describe('the ticket history', () => {
  it('shows the audit trail the store reads from the server', async () => {
    const read = vi.spyOn(desk.store.server, 'ticketHistory').mockResolvedValue(ok([statusChange('a-1', 'pending')]));
    renderInWorkspace(desk.store, supervisor, <History ticketId={ticket.id} revision="r1" />);

    const list = await screen.findByRole('list', { name: 'History' });
    expect(list.textContent).toMatch(/changed status Open → Pending/);
    expect(read).toHaveBeenCalledWith(ticket.id);
  });

  it('says a connection is needed while the workstation is offline, without sending anything', async () => {
    // The demo store never started syncing: its gate is closed, as when the user works offline.
    renderInWorkspace(desk.store, supervisor, <History ticketId={ticket.id} revision="r1" />);
    expect(await screen.findByText('History needs a connection to the server.')).toBeTruthy();
  });

  it('keeps a list already shown when a later read finds the workstation offline, and says why otherwise', async () => {
    const read = vi
      .spyOn(desk.store.server, 'ticketHistory')
      .mockResolvedValueOnce(ok([statusChange('a-1', 'pending')]))
      .mockResolvedValueOnce(err({ reason: 'offline' }))
      .mockResolvedValueOnce(err({ reason: 'signed-out' }));
    renderInWorkspace(desk.store, supervisor, <EditedTicket />);
    await screen.findByRole('list', { name: 'History' });

    fireEvent.click(screen.getByRole('button', { name: 'Edit the ticket' }));
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    expect(screen.getByRole('list', { name: 'History' }).textContent).toMatch(/Pending/);

    fireEvent.click(screen.getByRole('button', { name: 'Edit the ticket' }));
    expect(await screen.findByText('Sign in again to read the history.')).toBeTruthy();
  });
});
