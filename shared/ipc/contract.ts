import { z } from 'zod';
import { InstantSchema, WallTimeSchema } from '../domain/common';
import { PrioritySchema } from '../domain/priority';
import { ClockSchema } from '../domain/ticket';
import { err, ok, type Result } from '../result';
import { describeIssues } from '../validation';

/**
 * The one contract between the renderer and the desktop shell. `preload/` exposes an object that satisfies
 * `WorkstationApi` as `window.workstation`; the browser build implements the same interface with web APIs.
 * Main validates every argument with these schemas and answers with a `Result`.
 */
export const IPC_CHANNELS = {
  scheduleSlaAlerts: 'notify:schedule',
  /** One native notification about a ticket now (e.g. the server escalated it), under the same quiet rules. */
  showNotice: 'notify:notice',
  getNotificationSettings: 'notify:get-settings',
  setNotificationSettings: 'notify:set-settings',
  getToken: 'token:get',
  setToken: 'token:set',
  clearToken: 'token:clear',
  openExternal: 'shell:open-external',
  getAppInfo: 'app:info',
  /** The sync server the sign-in screen talks to (desktop: kept by main, which also allows it in the page's CSP). */
  getServerUrl: 'server:get-url',
  setServerUrl: 'server:set-url',
  /** Main → renderer: open a ticket (a deep link or a click on a notification). */
  openTicket: 'nav:open-ticket',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** One future (or past) instant at which a ticket's SLA clock turns `warning` or `breach`. */
export const SlaAlertSchema = z.object({
  ticketId: z.string().min(1).max(64),
  /** The human key shown to the user, e.g. INC-1042. */
  label: z.string().min(1).max(40),
  title: z.string().max(200),
  priority: PrioritySchema,
  clock: ClockSchema,
  kind: z.enum(['warning', 'breach']),
  at: InstantSchema,
});
export type SlaAlert = z.infer<typeof SlaAlertSchema>;

export const MAX_SCHEDULED_ALERTS = 20_000;

/** The full set of alerts the user cares about; each call replaces the previous schedule. */
export const SlaScheduleSchema = z.object({
  alerts: z.array(SlaAlertSchema).max(MAX_SCHEDULED_ALERTS, `must hold at most ${MAX_SCHEDULED_ALERTS} alerts`),
});
export type SlaSchedule = z.infer<typeof SlaScheduleSchema>;

/** A notification about one ticket, shown at once; a click opens the ticket. */
export const NoticeSchema = z.object({
  ticketId: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  body: z.string().max(500),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const NotificationSettingsSchema = z.object({
  doNotDisturb: z.boolean(),
  quietHours: z.object({ enabled: z.boolean(), start: WallTimeSchema, end: WallTimeSchema }),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  doNotDisturb: false,
  quietHours: { enabled: false, start: '20:00', end: '07:00' },
};

/** Tokens are stored per server, so one workstation can sign in to a test and a production desk. */
export const ServerUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2000, 'must be at most 2000 characters');
export const TokenSchema = z.string().min(16, 'is too short').max(512, 'is too long');

export const ExternalUrlSchema = z
  .url({ protocol: /^(https?|mailto)$/, message: 'must be an http(s) or mailto link' })
  .max(2000, 'must be at most 2000 characters');

export const OpenTicketRefSchema = z.union([
  z.object({ ticketId: z.string().min(1).max(64) }),
  z.object({ number: z.number().int().positive() }),
]);
export type OpenTicketRef = z.infer<typeof OpenTicketRefSchema>;

export interface AppInfo {
  name: string;
  version: string;
  /** `desktop` inside Electron, `web` in a browser. */
  shell: 'desktop' | 'web';
  os: string;
}

/**
 * Tokens kept on the device beyond the page's own session ("keep me signed in on this device"), for the web build: a
 * browser tab's token store (sessionStorage) ends with the tab. The desktop has no such member, as main keeps every
 * token in the OS keychain already.
 */
export interface DeviceTokenApi {
  /** This server's kept token, or null. */
  get(serverUrl: string): Promise<Result<string | null>>;
  keep(serverUrl: string, token: string): Promise<Result<void>>;
  forget(serverUrl: string): Promise<Result<void>>;
}

export interface WorkstationApi {
  readonly shell: 'desktop' | 'web';
  /** Web build only: see `DeviceTokenApi`. `clearToken` forgets the kept token too. */
  readonly deviceTokens?: DeviceTokenApi;
  scheduleSlaAlerts(schedule: SlaSchedule): Promise<Result<void>>;
  /** Shows a native notification now, unless do-not-disturb or quiet hours hold it back. */
  showNotice(notice: Notice): Promise<Result<void>>;
  getNotificationSettings(): Promise<Result<NotificationSettings>>;
  setNotificationSettings(settings: NotificationSettings): Promise<Result<NotificationSettings>>;
  getToken(serverUrl: string): Promise<Result<string | null>>;
  setToken(serverUrl: string, token: string): Promise<Result<void>>;
  clearToken(serverUrl: string): Promise<Result<void>>;
  openExternal(url: string): Promise<Result<void>>;
  getAppInfo(): Promise<Result<AppInfo>>;
  /** The configured sync server (normalized, see `normalizeServerUrl`), or null when none is configured yet. */
  getServerUrl(): Promise<Result<string | null>>;
  /**
   * Stores the sync server and resolves with its normalized form. In the desktop shell the page may only connect to
   * the configured server (CSP), so when the origin changes main reloads the page right after answering: call this
   * first on the sign-in screen, and read the server again with `getServerUrl()` after the reload.
   */
  setServerUrl(url: string): Promise<Result<string>>;
  /** Subscribes to requests to open a ticket; returns the unsubscribe function. */
  onOpenTicket(listener: (ref: OpenTicketRef) => void): () => void;
}

/** Argument schemas per invoke channel: main validates with these, preload forwards exactly these arguments. */
export const IPC_ARGS = {
  [IPC_CHANNELS.scheduleSlaAlerts]: z.tuple([SlaScheduleSchema]),
  [IPC_CHANNELS.showNotice]: z.tuple([NoticeSchema]),
  [IPC_CHANNELS.getNotificationSettings]: z.tuple([]),
  [IPC_CHANNELS.setNotificationSettings]: z.tuple([NotificationSettingsSchema]),
  [IPC_CHANNELS.getToken]: z.tuple([ServerUrlSchema]),
  [IPC_CHANNELS.setToken]: z.tuple([ServerUrlSchema, TokenSchema]),
  [IPC_CHANNELS.clearToken]: z.tuple([ServerUrlSchema]),
  [IPC_CHANNELS.openExternal]: z.tuple([ExternalUrlSchema]),
  [IPC_CHANNELS.getAppInfo]: z.tuple([]),
  [IPC_CHANNELS.getServerUrl]: z.tuple([]),
  [IPC_CHANNELS.setServerUrl]: z.tuple([ServerUrlSchema]),
} as const;
export type InvokeChannel = keyof typeof IPC_ARGS;

/** The name of each argument per invoke channel, so a refused call names the argument instead of its position. */
export const IPC_ARG_NAMES: { readonly [C in InvokeChannel]: readonly string[] } = {
  [IPC_CHANNELS.scheduleSlaAlerts]: ['schedule'],
  [IPC_CHANNELS.showNotice]: ['notice'],
  [IPC_CHANNELS.getNotificationSettings]: [],
  [IPC_CHANNELS.setNotificationSettings]: ['settings'],
  [IPC_CHANNELS.getToken]: ['serverUrl'],
  [IPC_CHANNELS.setToken]: ['serverUrl', 'token'],
  [IPC_CHANNELS.clearToken]: ['serverUrl'],
  [IPC_CHANNELS.openExternal]: ['url'],
  [IPC_CHANNELS.getAppInfo]: [],
  [IPC_CHANNELS.getServerUrl]: [],
  [IPC_CHANNELS.setServerUrl]: ['url'],
};

/**
 * Validates the arguments of an invoke channel (the preload for a quick, clear error; main again, trusting nothing).
 * The error reads `token:set: token: is too short`.
 */
export function parseIpcArgs<C extends InvokeChannel>(
  channel: C,
  args: readonly unknown[],
): Result<z.output<(typeof IPC_ARGS)[C]>> {
  const parsed = IPC_ARGS[channel].safeParse(args);
  if (parsed.success) return ok(parsed.data as z.output<(typeof IPC_ARGS)[C]>); // the union narrows to C's tuple
  const names = IPC_ARG_NAMES[channel];
  const named = new z.ZodError(
    parsed.error.issues.map((issue) => {
      const [position, ...rest] = issue.path;
      const name = typeof position === 'number' ? names[position] : undefined;
      return name === undefined ? issue : { ...issue, path: [name, ...rest] };
    }),
  );
  return err(`${channel}: ${describeIssues(named)}`);
}

/**
 * One spelling per server, so a token stored for `https://desk.example.com/` is found for `https://desk.example.com`:
 * origin plus path, without query, fragment or trailing slash. Expects a URL that passed `ServerUrlSchema`.
 */
export function normalizeServerUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** The deep-link scheme registered by the desktop app: `workstation://ticket/1042`. */
export const DEEP_LINK_SCHEME = 'workstation';

/** Parses a deep link into a ticket reference; anything else (other hosts, bad numbers, extra parts) is refused. */
export function parseDeepLink(link: string): OpenTicketRef | null {
  const match = /^workstation:\/\/ticket\/([1-9]\d{0,11})\/?$/i.exec(link.trim());
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) ? { number } : null;
}
