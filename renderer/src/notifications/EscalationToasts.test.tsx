import { act, cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketLabel } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import type { StreamEvent } from '../../../shared/sync/protocol';
import { DEMO_USERS, demoTicket } from '../rx/demo-data';
import type { WorkstationStore } from '../rx/store-api';
import { installFakePlatform, removeFakePlatform } from '../testing/fake-platform';
import { demoStore, renderInWorkspace } from '../testing/workspace';
import { useUi } from '../ui-state';
import { EscalationToasts } from './EscalationToasts';

configure({ asyncUtilTimeout: 8000 });
const byRole = (role: User['role']) => DEMO_USERS.find((u) => u.role === role) as User;
let store: WorkstationStore;
let events: Subject<StreamEvent>;

async function open(user: User) {
  const real = await demoStore(user, 12);
  events = new Subject<StreamEvent>();
  // The server's stream, played by the test.
  store = { ...real, sync: { ...real.sync, events$: events.asObservable() }, close: () => real.close() };
  renderInWorkspace(store, user, <EscalationToasts />);
}

beforeEach(() => useUi.setState({ openRequest: null }));
afterEach(async () => {
  cleanup();
  await store.close();
});

const escalate = (ticketId: string, percent: number, raised?: { from: 'P3'; to: 'P2' }): StreamEvent => ({
  type: 'escalation',
  ticketId,
  clock: 'resolution',
  percent,
  ...(raised ? { raised } : {}),
});

describe('SLA escalations from the server', () => {
  it('show a supervisor one toast per escalation, labelled with the ticket, that opens it', async () => {
    await open(byRole('supervisor'));
    const ticket = demoTicket(4, Date.now());
    act(() => {
      events.next(escalate(ticket.id, 75));
      events.next(escalate(ticket.id, 75)); // delivered twice (reconnect, two server processes): shown once
      events.next({ type: 'change', collection: 'tickets', seq: 9 });
    });
    const toast = await screen.findByTestId('escalation-toast');
    expect(screen.getAllByTestId('escalation-toast')).toHaveLength(1);
    expect(toast.textContent).toContain('75 % of its resolution time used');
    const link = await within(toast).findByRole('button', { name: ticketLabel(ticket) });
    fireEvent.click(link);
    expect(useUi.getState().openRequest).toEqual({ ticketId: ticket.id });
    expect(screen.queryByTestId('escalation-toast')).toBeNull();
  });

  it('replace an earlier toast of the same ticket when its clock runs further', async () => {
    await open(byRole('admin'));
    const ticket = demoTicket(5, Date.now());
    act(() => events.next(escalate(ticket.id, 50)));
    await screen.findByText(/50 % of its resolution time used/);
    act(() => events.next(escalate(ticket.id, 100)));
    await screen.findByText(/breached its resolution target/);
    expect(screen.getAllByTestId('escalation-toast')).toHaveLength(1);
  });

  it('tell the assignee what the server changed and why, in a toast and a native notification', async () => {
    const agent = byRole('agent');
    const platform = installFakePlatform('http://127.0.0.1:9');
    await open(agent);
    const ticket = (await store.db.tickets.find().exec())
      .map((d) => d.toMutableJSON())
      .find((t) => t.assigneeId === agent.id);
    if (!ticket) throw new Error('the demo desk gives the agent no ticket');
    act(() => events.next(escalate(ticket.id, 100, { from: 'P3', to: 'P2' })));
    const toast = await screen.findByTestId('escalation-toast');
    expect(toast.textContent).toContain('breached its resolution target; priority raised P3 → P2 by its SLA policy');
    await waitFor(() =>
      expect(platform.showNotice).toHaveBeenCalledWith({
        ticketId: ticket.id,
        title: `${ticketLabel(ticket)} breached its resolution target; priority raised P3 → P2 by its SLA policy`,
        body: ticket.title,
      }),
    );
    // A ticket of someone else (a supervisor's stream): a toast, no native notification.
    const other = (await store.db.tickets.find().exec())
      .map((d) => d.toMutableJSON())
      .find((t) => t.assigneeId !== agent.id);
    if (!other) throw new Error('the demo desk has no ticket of someone else');
    act(() => events.next(escalate(other.id, 75)));
    await screen.findByText(/75 % of its resolution time used/);
    expect(platform.showNotice).toHaveBeenCalledTimes(1);
    removeFakePlatform();
  });
});
