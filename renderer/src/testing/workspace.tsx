import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import type { User } from '../../../shared/domain/user';
import { KeyboardProvider } from '../keyboard/KeyboardContext';
import { seedDemoDesk } from '../rx/demo-seed';
import { WorkspaceProvider } from '../rx/StoreContext';
import type { WorkstationStore } from '../rx/store-api';
import { createWorkstationStore } from '../store/store';

/** A replica (fake IndexedDB, never syncing) holding the local demo desk, for component tests. */
let devices = 0;
export async function demoStore(user: User, tickets = 40): Promise<WorkstationStore> {
  devices += 1;
  const store = await createWorkstationStore({
    serverUrl: 'http://127.0.0.1:9',
    session: { token: 'test-token-0123456789', user },
    deviceId: `test-device-${devices}`,
    indexedDB: { indexedDB, IDBKeyRange },
    autoStart: false,
    fetch: () => Promise.reject(new Error('no server in component tests')),
  });
  await seedDemoDesk(store.db, tickets);
  return store;
}

/** Renders `children` inside the providers the workspace gives them (theme, store and user, keyboard). */
export function renderInWorkspace(store: WorkstationStore, user: User, children: ReactNode) {
  return render(
    <MantineProvider>
      <WorkspaceProvider
        store={store}
        session={{ serverUrl: 'http://127.0.0.1:9', token: 'test-token-0123456789', user }}
      >
        <KeyboardProvider>{children}</KeyboardProvider>
      </WorkspaceProvider>
    </MantineProvider>,
  );
}
