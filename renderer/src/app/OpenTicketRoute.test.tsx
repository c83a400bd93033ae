import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ticketLabel } from '../../../shared/domain/ticket';
import { ok } from '../../../shared/result';
import { demoTicket } from '../rx/demo-data';
import { demoUser, demoWorkspaceEachTest, renderInWorkspace } from '../testing/workspace';
import { DetailPane } from '../ticket/DetailPane';
import { useUi } from '../ui-state';
import { OpenTicketRoute, useOpenTicketRequests } from './OpenTicketRoute';

const agent = demoUser('agent');
const desk = demoWorkspaceEachTest(agent, 12);

beforeEach(() => {
  useUi.setState({ detail: 'closed', openTicketId: null, openRequest: null, screen: 'queue', announcement: null });
});

function Shell() {
  useOpenTicketRequests();
  return (
    <>
      <OpenTicketRoute />
      <DetailPane />
    </>
  );
}

describe('tickets the desktop shell asks to open', () => {
  it('opens the ticket of a deep link by its number in the detail pane', async () => {
    renderInWorkspace(desk.store, agent, <Shell />);
    const label = ticketLabel(demoTicket(7, Date.now()));
    act(() => desk.platform.openTicket({ number: 1007 }));
    expect(await screen.findByRole('region', { name: `Ticket ${label}` })).toBeTruthy();
    expect(useUi.getState().focusArea).toBe('detail');
  });

  it('opens the ticket of a notification click by its id', async () => {
    renderInWorkspace(desk.store, agent, <Shell />);
    const ticket = demoTicket(3, Date.now());
    act(() => desk.platform.openTicket({ ticketId: ticket.id }));
    expect(await screen.findByRole('heading', { name: ticket.title })).toBeTruthy();
  });

  it('says so when the ticket is not in the local copy, and opens nothing', async () => {
    renderInWorkspace(desk.store, agent, <Shell />);
    act(() => desk.platform.openTicket({ number: 999_999 }));
    await waitFor(() =>
      expect(useUi.getState().announcement?.text).toContain('Ticket 999999 is not in your local copy'),
    );
    expect(useUi.getState().openTicketId).toBeNull();
  });

  it('opens a ticket only the server holds read-only, by number or by id', async () => {
    const old = { ...demoTicket(40, Date.now()), id: 't-old', number: 4040, status: 'closed' as const };
    const searched: string[] = [];
    desk.store.serverTickets = {
      search: async (query) => {
        searched.push(query);
        return ok(query === '4040' ? [old] : []);
      },
      read: async () => ok({ ticket: old, comments: [], workingSetDays: 7, readAt: new Date().toISOString() }),
      cached: () => null,
      bringBack: async () => ok(true),
    };
    renderInWorkspace(desk.store, agent, <Shell />);
    act(() => desk.platform.openTicket({ number: 4040 }));
    expect(await screen.findByTestId('server-copy-banner')).toBeTruthy();
    expect(useUi.getState()).toMatchObject({ openTicketId: 't-old', readOnlyTicketId: 't-old' });
    expect(searched).toEqual(['4040']);

    act(() => useUi.getState().closeDetail());
    act(() => desk.platform.openTicket({ ticketId: 't-old' }));
    await waitFor(() => expect(useUi.getState()).toMatchObject({ openTicketId: 't-old', readOnlyTicketId: 't-old' }));
    expect(searched, 'an id needs no search').toEqual(['4040']);
  });
});
