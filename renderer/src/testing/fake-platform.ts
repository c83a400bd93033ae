import { vi } from 'vitest';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  normalizeServerUrl,
  type OpenTicketRef,
  type WorkstationApi,
} from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';

/**
 * A desktop-like platform for component tests, installed as `window.workstation` (which `getPlatform()` prefers).
 * `openTicket` plays main sending a deep link or a notification click; `onServerChange` plays main reloading the
 * page after the server's origin changed.
 */
export interface FakePlatform extends WorkstationApi {
  serverUrl: string | null;
  tokens: Map<string, string>;
  /** Tokens kept on the device ("keep me signed in"), when installed as the web shell. */
  kept: Map<string, string>;
  openTicket(ref: OpenTicketRef): void;
  onServerChange: ((url: string) => void) | null;
}

/** `shell: 'web'` adds the browser's kept tokens (`deviceTokens`), which the desktop does not have. */
export function installFakePlatform(
  serverUrl: string | null = null,
  { shell = 'desktop' }: { shell?: 'desktop' | 'web' } = {},
): FakePlatform {
  const listeners = new Set<(ref: OpenTicketRef) => void>();
  const fake: FakePlatform = {
    shell,
    serverUrl,
    tokens: new Map(),
    kept: new Map(),
    ...(shell === 'web'
      ? {
          deviceTokens: {
            get: async (url: string) => ok(fake.kept.get(url) ?? null),
            keep: vi.fn(async (url: string, token: string) => {
              fake.kept.set(url, token);
              return ok(undefined);
            }),
            forget: vi.fn(async (url: string) => {
              fake.kept.delete(url);
              return ok(undefined);
            }),
          },
        }
      : {}),
    onServerChange: null,
    scheduleSlaAlerts: vi.fn(async () => ok(undefined)),
    showNotice: vi.fn(async () => ok(undefined)),
    getNotificationSettings: async () => ok(DEFAULT_NOTIFICATION_SETTINGS),
    setNotificationSettings: async (s) => ok(s),
    getToken: async (url) => ok(fake.tokens.get(url) ?? null),
    setToken: async (url, token) => {
      fake.tokens.set(url, token);
      return ok(undefined);
    },
    clearToken: async (url) => {
      fake.tokens.delete(url);
      fake.kept.delete(url);
      return ok(undefined);
    },
    openExternal: async () => ok(undefined),
    getAppInfo: async () => ok({ name: 'ITSM Workstation', version: 'test', shell: 'desktop', os: 'test' }),
    getServerUrl: async () => ok(fake.serverUrl),
    setServerUrl: vi.fn(async (url: string) => {
      const normalized = normalizeServerUrl(url);
      const changed = fake.serverUrl === null || new URL(fake.serverUrl).origin !== new URL(normalized).origin;
      fake.serverUrl = normalized;
      if (changed) queueMicrotask(() => fake.onServerChange?.(normalized));
      return ok(normalized);
    }),
    onOpenTicket(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    openTicket(ref) {
      for (const listener of listeners) listener(ref);
    },
  };
  Object.defineProperty(window, 'workstation', { value: fake, configurable: true });
  return fake;
}

export function removeFakePlatform(): void {
  Reflect.deleteProperty(window, 'workstation');
}
