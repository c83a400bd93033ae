import type { z } from 'zod';
import {
  type AppInfo,
  DEFAULT_NOTIFICATION_SETTINGS,
  type DeviceTokenApi,
  type InvokeChannel,
  type IPC_ARGS,
  IPC_CHANNELS,
  type NotificationSettings,
  NotificationSettingsSchema,
  normalizeServerUrl,
  type OpenTicketRef,
  parseIpcArgs,
  ServerUrlSchema,
  TokenSchema,
  type WorkstationApi,
} from '../../../shared/ipc/contract';
import { showNotice } from '../../../shared/notifications/notice';
import { localMinuteOfDay } from '../../../shared/notifications/quiet-hours';
import { type SchedulerClock, SlaScheduler } from '../../../shared/notifications/scheduler';
import type { SlaNotification } from '../../../shared/notifications/text';
import { err, ok, type Result } from '../../../shared/result';
import { type DeviceTokenStore, deviceTokenStore } from './device-tokens';

/** The Web Notifications API, as far as it is used here. */
export interface WebNotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((this: Notification, ev: Event) => unknown) | null };
}

/** Everything the browser implementation touches, injectable for tests. */
export interface WebEnvironment {
  /** Non-secret settings: server URL, notification settings, notified alerts. */
  settings: Storage;
  /** Session tokens: this tab's sessionStorage, or null for memory only. */
  secrets: Storage | null;
  /** Tokens kept on the device when the user asks to stay signed in (IndexedDB), or null where IndexedDB is missing. */
  deviceTokens: DeviceTokenStore | null;
  origin: string;
  openWindow(url: string): void;
  focus(): void;
  Notification: WebNotificationApi | null;
  setBadge(count: number): void;
  clock: SchedulerClock;
  appInfo: Omit<AppInfo, 'shell'>;
}

const KEYS = {
  serverUrl: 'workstation.serverUrl',
  notificationSettings: 'workstation.notificationSettings',
  notified: 'workstation.slaNotified',
  token: (serverUrl: string) => `workstation.token:${normalizeServerUrl(serverUrl)}`,
} as const;

function readJson(storage: Storage, key: string): unknown {
  try {
    const raw = storage.getItem(key);
    return raw === null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * The browser implementation of `WorkstationApi`, so the UI code is the same in both shells. Arguments are validated
 * with the contract's schemas (same errors as the desktop); SLA alerts use the shared scheduler and Web
 * Notifications. Differences, by necessity:
 * - tokens live in sessionStorage (this tab, until it closes) or memory: a browser has no OS keychain, and
 *   localStorage would keep a bearer token readable on disk indefinitely; only when the user ticks "keep me signed in
 *   on this device" is a token also kept in IndexedDB (`deviceTokens`), until sign-out or the server refuses it;
 * - the scheduler's timers run in the page, which browsers throttle in background tabs (alerts may come late);
 * - the badge uses the Badging API where the browser has it (installed PWAs).
 */
export function createWebPlatform(env: WebEnvironment = browserEnvironment()): WorkstationApi {
  const memorySecrets = new Map<string, string>();
  const listeners = new Set<(ref: OpenTicketRef) => void>();
  let scheduler: SlaScheduler | null = null;

  const notificationSettings = (): NotificationSettings => {
    const parsed = NotificationSettingsSchema.safeParse(readJson(env.settings, KEYS.notificationSettings));
    return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_SETTINGS;
  };

  const show = ({ title, body, target }: SlaNotification) => {
    const Api = env.Notification;
    if (Api?.permission !== 'granted') return;
    const notification = new Api(title, { body, tag: target?.ticketId ?? 'sla-summary' });
    notification.onclick = () => {
      env.focus();
      if (target) for (const listener of listeners) listener(target);
    };
  };

  const askPermission = () => {
    if (env.Notification?.permission === 'default') void env.Notification.requestPermission().catch(() => undefined);
  };

  const getScheduler = (): SlaScheduler => {
    if (scheduler) return scheduler;
    const notified = readJson(env.settings, KEYS.notified);
    scheduler = new SlaScheduler({
      clock: env.clock,
      notify: show,
      onAttention: ({ breached, warning }) => env.setBadge(breached + warning),
      settings: notificationSettings,
      notified: Array.isArray(notified) ? notified.filter((k): k is string => typeof k === 'string') : [],
      onNotifiedChange: (keys) => env.settings.setItem(KEYS.notified, JSON.stringify(keys)),
    });
    return scheduler;
  };

  /** Validates like the desktop preload does, then runs `body` with the parsed arguments. */
  async function call<T, C extends InvokeChannel>(
    channel: C,
    args: readonly unknown[],
    body: (...parsed: z.output<(typeof IPC_ARGS)[C]>) => T | Promise<T>,
  ): Promise<Result<T>> {
    const parsed = parseIpcArgs(channel, args);
    if (!parsed.ok) return parsed;
    try {
      return ok(await body(...parsed.value));
    } catch (error) {
      return err(`${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    shell: 'web',
    scheduleSlaAlerts: (schedule) =>
      call(IPC_CHANNELS.scheduleSlaAlerts, [schedule], (valid) => {
        askPermission();
        getScheduler().replan(valid);
      }),
    showNotice: (notice) =>
      call(IPC_CHANNELS.showNotice, [notice], (valid) => {
        askPermission();
        showNotice(valid, show, notificationSettings(), localMinuteOfDay(env.clock.now()));
      }),
    getNotificationSettings: () => call(IPC_CHANNELS.getNotificationSettings, [], notificationSettings),
    setNotificationSettings: (settings) =>
      call(IPC_CHANNELS.setNotificationSettings, [settings], (valid) => {
        env.settings.setItem(KEYS.notificationSettings, JSON.stringify(valid));
        askPermission(); // usually a click on the settings screen: the moment browsers allow the prompt
        return valid;
      }),
    getToken: (serverUrl) =>
      call(IPC_CHANNELS.getToken, [serverUrl], (url) =>
        env.secrets ? env.secrets.getItem(KEYS.token(url)) : (memorySecrets.get(KEYS.token(url)) ?? null),
      ),
    setToken: (serverUrl, token) =>
      call(IPC_CHANNELS.setToken, [serverUrl, token], (url, value) => {
        if (env.secrets) env.secrets.setItem(KEYS.token(url), value);
        else memorySecrets.set(KEYS.token(url), value);
      }),
    clearToken: (serverUrl) =>
      call(IPC_CHANNELS.clearToken, [serverUrl], async (url) => {
        env.secrets?.removeItem(KEYS.token(url));
        memorySecrets.delete(KEYS.token(url));
        await env.deviceTokens?.forget(url);
      }),
    ...(env.deviceTokens ? { deviceTokens: deviceTokenApi(env.deviceTokens) } : {}),
    openExternal: (url) => call(IPC_CHANNELS.openExternal, [url], (valid) => env.openWindow(valid)),
    getAppInfo: () => call(IPC_CHANNELS.getAppInfo, [], (): AppInfo => ({ ...env.appInfo, shell: 'web' })),
    getServerUrl: () =>
      call(IPC_CHANNELS.getServerUrl, [], (): string | null => {
        const stored = ServerUrlSchema.safeParse(env.settings.getItem(KEYS.serverUrl));
        const url = stored.success ? stored.data : env.origin;
        return ServerUrlSchema.safeParse(url).success ? normalizeServerUrl(url) : null;
      }),
    setServerUrl: (url) =>
      call(IPC_CHANNELS.setServerUrl, [url], (valid) => {
        const normalized = normalizeServerUrl(valid);
        env.settings.setItem(KEYS.serverUrl, normalized);
        return normalized;
      }),
    onOpenTicket(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } satisfies WorkstationApi;
}

/** The kept tokens behind the contract's checks (same argument errors as `getToken`/`setToken`). */
function deviceTokenApi(store: DeviceTokenStore): DeviceTokenApi {
  const attempt = async <T>(what: string, body: () => Promise<T>): Promise<Result<T>> => {
    try {
      return ok(await body());
    } catch (error) {
      return err(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const url = (serverUrl: string) => {
    const parsed = ServerUrlSchema.safeParse(serverUrl);
    if (!parsed.success) throw new Error(`serverUrl: ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    return parsed.data;
  };
  return {
    get: (serverUrl) => attempt('deviceToken:get', () => store.get(url(serverUrl))),
    keep: (serverUrl, token) =>
      attempt('deviceToken:keep', () => {
        const valid = TokenSchema.safeParse(token);
        if (!valid.success) throw new Error(`token: ${valid.error.issues[0]?.message ?? 'is invalid'}`);
        return store.keep(url(serverUrl), valid.data);
      }),
    forget: (serverUrl) => attempt('deviceToken:forget', () => store.forget(url(serverUrl))),
  };
}

function indexedDbOrNull(): IDBFactory | null {
  try {
    return window.indexedDB ?? null;
  } catch {
    return null; // storage disabled (privacy settings): nothing is kept beyond the tab
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled (privacy settings): tokens stay in memory
  }
}

/** The real browser. */
export function browserEnvironment(): WebEnvironment {
  const version: unknown = import.meta.env.VITE_APP_VERSION;
  const nav = navigator as Navigator & {
    setAppBadge?: (count?: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
    userAgentData?: { platform?: string };
  };
  return {
    settings: window.localStorage,
    secrets: sessionStorageOrNull(),
    deviceTokens: (() => {
      const factory = indexedDbOrNull();
      return factory ? deviceTokenStore(factory) : null;
    })(),
    origin: window.location.origin,
    openWindow: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
    focus: () => window.focus(),
    Notification: 'Notification' in window ? window.Notification : null,
    setBadge: (count) => {
      const done = count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.();
      void done?.catch(() => undefined);
    },
    clock: {
      now: () => Date.now(),
      setTimer(fire, delayMs) {
        const timer = window.setTimeout(fire, delayMs);
        return () => window.clearTimeout(timer);
      },
    },
    appInfo: {
      name: 'ITSM Workstation',
      version: typeof version === 'string' ? version : 'dev',
      os: nav.userAgentData?.platform || nav.platform || 'unknown',
    },
  };
}
