import { MantineProvider } from '@mantine/core';
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlobalActions } from '../app/GlobalActions';
import { KeyboardProvider } from '../keyboard/KeyboardContext';
import { DEMO_USERS } from '../rx/demo-data';
import { seedDemoDesk } from '../rx/demo-seed';
import { WorkspaceProvider } from '../rx/StoreContext';
import type { WorkstationStore } from '../rx/store-api';
import { createWorkstationStore } from '../store/store';
import { Pickers } from '../ticket/Pickers';
import { useUi } from '../ui-state';
import { QueueScreen } from './QueueScreen';

// Queries against IndexedDB (fake) can take more than a second on a busy machine.
configure({ asyncUtilTimeout: 8000 });

const agent = DEMO_USERS.find((u) => u.id === 'u-agent') ?? DEMO_USERS[0];
if (!agent) throw new Error('demo agent missing');
let store: WorkstationStore;
let n = 0;

beforeEach(async () => {
  n += 1;
  store = await createWorkstationStore({
    serverUrl: 'http://127.0.0.1:9',
    session: { token: 'test-token-0123456789', user: agent },
    deviceId: `device-${n}`,
    indexedDB: { indexedDB, IDBKeyRange },
    autoStart: false,
    fetch: () => Promise.reject(new Error('no server in component tests')),
  });
  await seedDemoDesk(store.db, 80);
  useUi.setState({
    screen: 'queue',
    view: { kind: 'unassigned' },
    activeIndex: 0,
    activeId: null,
    selected: [],
    detail: 'closed',
    openTicketId: null,
    focusArea: 'list',
    picker: null,
  });
});
afterEach(async () => {
  cleanup();
  await store.close();
});

function renderQueue() {
  return render(
    <MantineProvider>
      <WorkspaceProvider
        store={store}
        session={{
          serverUrl: 'http://127.0.0.1:9',
          token: 'test-token-0123456789',
          user: agent as NonNullable<typeof agent>,
        }}
      >
        <KeyboardProvider>
          <GlobalActions />
          <QueueScreen />
          <Pickers />
        </KeyboardProvider>
      </WorkspaceProvider>
    </MantineProvider>,
  );
}

const activeLabel = (list: HTMLElement) => {
  const id = list.getAttribute('aria-activedescendant');
  return id ? (document.getElementById(id)?.querySelector('.num')?.textContent ?? null) : null;
};

describe('the queue, by keyboard', () => {
  it('is a listbox whose active option follows j and k', async () => {
    renderQueue();
    const list = await screen.findByRole('listbox', { name: /Unassigned/ });
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(3));
    list.focus();
    await waitFor(() => expect(activeLabel(list)).not.toBeNull());
    const options = within(list).getAllByRole('option');
    const second = options[1]?.querySelector('.num')?.textContent;
    fireEvent.keyDown(list, { key: 'j' });
    await waitFor(() => expect(activeLabel(list)).toBe(second));
    fireEvent.keyDown(list, { key: 'k' });
    await waitFor(() => expect(activeLabel(list)).toBe(options[0]?.querySelector('.num')?.textContent));
  });

  it('assigns the active ticket to me with a, and the next ticket becomes active', async () => {
    renderQueue();
    const list = await screen.findByRole('listbox', { name: /Unassigned/ });
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(3));
    list.focus();
    await waitFor(() => expect(activeLabel(list)).not.toBeNull());
    const first = activeLabel(list);
    const before = Number(/(\d+) tickets/.exec(list.getAttribute('aria-label') ?? '')?.[1]);
    await act(async () => {
      fireEvent.keyDown(list, { key: 'a' });
    });
    await waitFor(() => expect(list.getAttribute('aria-label')).toContain(`${before - 1} tickets`));
    await waitFor(() => expect(activeLabel(list)).not.toBe(first));
    expect(document.activeElement).toBe(list);
  });

  it('selects with x and shows the bulk bar', async () => {
    renderQueue();
    const list = await screen.findByRole('listbox', { name: /Unassigned/ });
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(3));
    list.focus();
    await waitFor(() => expect(activeLabel(list)).not.toBeNull());
    fireEvent.keyDown(list, { key: 'x' });
    fireEvent.keyDown(list, { key: 'j' });
    fireEvent.keyDown(list, { key: 'j' });
    fireEvent.keyDown(list, { key: 'X', shiftKey: true });
    expect((await screen.findByTestId('selection-count')).textContent).toBe('3 selected');
  });

  it('keeps a row active when the current view is shown again (g u on Unassigned)', async () => {
    renderQueue();
    const list = await screen.findByRole('listbox', { name: /Unassigned/ });
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(3));
    list.focus();
    await waitFor(() => expect(activeLabel(list)).not.toBeNull());
    fireEvent.keyDown(list, { key: 'j' });
    await act(async () => {
      useUi.getState().showView({ kind: 'unassigned' });
    });
    await waitFor(() =>
      expect(activeLabel(list)).toBe(within(list).getAllByRole('option')[0]?.querySelector('.num')?.textContent),
    );
  });

  it('ignores ticket keys typed into the search field', async () => {
    renderQueue();
    const search = await screen.findByRole('textbox', { name: 'Search tickets' });
    search.focus();
    fireEvent.keyDown(search, { key: 's' });
    expect(useUi.getState().picker).toBeNull();
  });
});
