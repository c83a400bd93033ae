import { MantineProvider } from '@mantine/core';
import { cleanup, configure, render } from '@testing-library/react';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, beforeEach } from 'vitest';
import type { Role, User } from '../../../shared/domain/user';
import { KeyboardProvider } from '../keyboard/KeyboardContext';
import { DEMO_USERS } from '../rx/demo-data';
import { seedDemoDesk } from '../rx/demo-seed';
import { WorkspaceProvider } from '../rx/StoreContext';
import type { WorkstationStore } from '../rx/store-api';
import { createWorkstationStore } from '../store/store';
import { type FakePlatform, installFakePlatform, removeFakePlatform } from './fake-platform';

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

/** The first demo user with `role`. */
export function demoUser(role: Role): User {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`the demo desk has no ${role}`);
  return user;
}

/**
 * For each test of the calling file: the fake desktop platform and a demo replica of `tickets` tickets for `user`,
 * both removed afterwards. Read `store` and `platform` inside tests (they are replaced before each one).
 */
export function demoWorkspaceEachTest(
  user: User,
  tickets: number,
): { store: WorkstationStore; platform: FakePlatform } {
  configure({ asyncUtilTimeout: 8000 });
  const current = {} as { store: WorkstationStore; platform: FakePlatform };
  beforeEach(async () => {
    current.platform = installFakePlatform('http://127.0.0.1:9');
    current.store = await demoStore(user, tickets);
  });
  afterEach(async () => {
    cleanup();
    removeFakePlatform();
    await current.store.close();
  });
  return current;
}
