import { act, cleanup, configure, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketLabel } from '../../../shared/domain/ticket';
import { DEMO_USERS, demoTicket } from '../rx/demo-data';
import type { WorkstationStore } from '../rx/store-api';
import { type FakePlatform, installFakePlatform, removeFakePlatform } from '../testing/fake-platform';
import { demoStore, renderInWorkspace } from '../testing/workspace';
import { DetailPane } from '../ticket/DetailPane';
import { useUi } from '../ui-state';
import { OpenTicketRoute, useOpenTicketRequests } from './OpenTicketRoute';

configure({ asyncUtilTimeout: 8000 });
const agent = DEMO_USERS.find((u) => u.role === 'agent') ?? (DEMO_USERS[0] as NonNullable<(typeof DEMO_USERS)[0]>);
let store: WorkstationStore;
let platform: FakePlatform;

beforeEach(async () => {
  platform = installFakePlatform('http://127.0.0.1:9');
  useUi.setState({ detail: 'closed', openTicketId: null, openRequest: null, screen: 'queue', announcement: null });
  store = await demoStore(agent, 12);
});
afterEach(async () => {
  cleanup();
  removeFakePlatform();
  await store.close();
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
    renderInWorkspace(store, agent, <Shell />);
    const label = ticketLabel(demoTicket(7, Date.now()));
    act(() => platform.openTicket({ number: 1007 }));
    expect(await screen.findByRole('region', { name: `Ticket ${label}` })).toBeTruthy();
    expect(useUi.getState().focusArea).toBe('detail');
  });

  it('opens the ticket of a notification click by its id', async () => {
    renderInWorkspace(store, agent, <Shell />);
    const ticket = demoTicket(3, Date.now());
    act(() => platform.openTicket({ ticketId: ticket.id }));
    expect(await screen.findByRole('heading', { name: ticket.title })).toBeTruthy();
  });

  it('says so when the ticket is not in the local copy, and opens nothing', async () => {
    renderInWorkspace(store, agent, <Shell />);
    act(() => platform.openTicket({ number: 999_999 }));
    await waitFor(() =>
      expect(useUi.getState().announcement?.text).toContain('Ticket 999999 is not in your local copy'),
    );
    expect(useUi.getState().openTicketId).toBeNull();
  });
});
