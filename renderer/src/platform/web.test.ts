import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SlaAlert } from '../../../shared/ipc/contract';
import { deviceTokenStore } from './device-tokens';
import { createWebPlatform, type WebEnvironment, type WebNotificationApi } from './web';

const MIN = 60_000;

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = vi.fn(async () => FakeNotification.permission);
  static shown: FakeNotification[] = [];
  onclick: ((this: Notification, ev: Event) => unknown) | null = null;
  constructor(
    readonly title: string,
    readonly options?: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  click() {
    // The page's handler ignores `this` and the event.
    this.onclick?.call({} as Notification, new Event('click'));
  }
}

function environment(over: Partial<WebEnvironment> = {}) {
  const env: WebEnvironment = {
    settings: window.localStorage,
    secrets: window.sessionStorage,
    deviceTokens: null,
    origin: 'https://desk.example.com',
    openWindow: vi.fn(),
    focus: vi.fn(),
    Notification: FakeNotification satisfies WebNotificationApi,
    setBadge: vi.fn(),
    clock: {
      now: () => Date.now(),
      setTimer(fire, delay) {
        const timer = setTimeout(fire, delay);
        return () => clearTimeout(timer);
      },
    },
    appInfo: { name: 'ITSM Workstation', version: '0.1.0', os: 'Linux' },
    ...over,
  };
  return env;
}

const alert = (ticketId: string, kind: SlaAlert['kind'], at: number): SlaAlert => ({
  ticketId,
  label: `INC-${ticketId}`,
  title: 'Printer on fire',
  priority: 'P2',
  clock: 'resolution',
  kind,
  at: new Date(at).toISOString(),
});

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  FakeNotification.shown = [];
  FakeNotification.permission = 'granted';
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-25T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('browser platform', () => {
  it('is the web shell and reports app info', async () => {
    const web = createWebPlatform(environment());
    expect(web.shell).toBe('web');
    expect(await web.getAppInfo()).toEqual({
      ok: true,
      value: { name: 'ITSM Workstation', version: '0.1.0', os: 'Linux', shell: 'web' },
    });
  });

  it('shows SLA alerts as Web Notifications at their instant; a click focuses the page and opens the ticket', async () => {
    const env = environment();
    const web = createWebPlatform(env);
    const opened = vi.fn();
    web.onOpenTicket(opened);
    const now = Date.now();
    await web.scheduleSlaAlerts({ alerts: [alert('5', 'warning', now + MIN), alert('5', 'breach', now + 16 * MIN)] });
    expect(FakeNotification.shown).toEqual([]);
    vi.advanceTimersByTime(MIN);
    expect(FakeNotification.shown.map((n) => [n.title, n.options?.body])).toEqual([
      ['INC-5 · P2 breaches in 15 min', 'Printer on fire (resolution)'],
    ]);
    expect(env.setBadge).toHaveBeenLastCalledWith(1);
    FakeNotification.shown[0]?.click();
    expect(env.focus).toHaveBeenCalled();
    expect(opened).toHaveBeenCalledWith({ ticketId: '5' });
  });

  it('shows a notice about a ticket at once, unless do-not-disturb is on; a click opens the ticket', async () => {
    const web = createWebPlatform(environment());
    const opened = vi.fn();
    web.onOpenTicket(opened);
    const notice = { ticketId: '7', title: 'INC-7 · priority raised P3 → P2', body: 'Its response target breached' };
    expect(await web.showNotice(notice)).toEqual({ ok: true, value: undefined });
    expect(FakeNotification.shown.map((n) => [n.title, n.options?.body])).toEqual([[notice.title, notice.body]]);
    FakeNotification.shown[0]?.click();
    expect(opened).toHaveBeenCalledWith({ ticketId: '7' });
    await web.setNotificationSettings({
      doNotDisturb: true,
      quietHours: { enabled: false, start: '20:00', end: '07:00' },
    });
    await web.showNotice(notice);
    expect(FakeNotification.shown).toHaveLength(1);
  });

  it('asks for permission, and shows nothing without it', async () => {
    FakeNotification.permission = 'default';
    const web = createWebPlatform(environment());
    await web.scheduleSlaAlerts({ alerts: [alert('1', 'breach', Date.now() - MIN)] });
    expect(FakeNotification.requestPermission).toHaveBeenCalled();
    expect(FakeNotification.shown).toEqual([]);
  });

  it('respects do-not-disturb stored in localStorage', async () => {
    const web = createWebPlatform(environment());
    const settings = { doNotDisturb: true, quietHours: { enabled: false, start: '20:00', end: '07:00' } };
    expect(await web.setNotificationSettings(settings)).toEqual({ ok: true, value: settings });
    expect(await createWebPlatform(environment()).getNotificationSettings()).toEqual({ ok: true, value: settings });
    await web.scheduleSlaAlerts({ alerts: [alert('1', 'breach', Date.now() + MIN)] });
    vi.advanceTimersByTime(MIN);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('does not notify again after a reload', async () => {
    const schedule = { alerts: [alert('1', 'breach', Date.now() - MIN)] };
    await createWebPlatform(environment()).scheduleSlaAlerts(schedule);
    await createWebPlatform(environment()).scheduleSlaAlerts(schedule);
    expect(FakeNotification.shown).toHaveLength(1);
  });

  it('keeps tokens in sessionStorage per server, never in localStorage', async () => {
    const web = createWebPlatform(environment());
    await web.setToken('https://desk.example.com/', 'sess_0123456789abcdef');
    expect(await web.getToken('https://desk.example.com')).toEqual({ ok: true, value: 'sess_0123456789abcdef' });
    expect(JSON.stringify({ ...localStorage })).not.toContain('sess_0123456789abcdef');
    await web.clearToken('https://desk.example.com');
    expect(await web.getToken('https://desk.example.com')).toEqual({ ok: true, value: null });
  });

  it('keeps tokens in memory when sessionStorage is unavailable', async () => {
    const web = createWebPlatform(environment({ secrets: null }));
    await web.setToken('https://desk.example.com', 'sess_0123456789abcdef');
    expect(await web.getToken('https://desk.example.com')).toEqual({ ok: true, value: 'sess_0123456789abcdef' });
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps a token on the device only when asked, beside the tab; clearing the token forgets both', async () => {
    vi.useRealTimers(); // fake-indexeddb answers on real timers
    const device = new IDBFactory();
    const web = createWebPlatform(environment({ deviceTokens: deviceTokenStore(device) }));
    const kept = web.deviceTokens;
    if (!kept) throw new Error('the web platform offers kept tokens where IndexedDB exists');
    expect(await kept.get('https://desk.example.com')).toEqual({ ok: true, value: null });
    await web.setToken('https://desk.example.com', 'sess_0123456789abcdef');
    // Signing in keeps the token in this tab; keeping it on the device is a separate, explicit step.
    expect(await kept.get('https://desk.example.com')).toEqual({ ok: true, value: null });
    expect(await kept.keep('https://desk.example.com/', 'sess_0123456789abcdef')).toEqual({
      ok: true,
      value: undefined,
    });

    // A new tab (fresh sessionStorage, same IndexedDB) finds it; no other storage holds it.
    sessionStorage.clear();
    const newTab = createWebPlatform(environment({ deviceTokens: deviceTokenStore(device) }));
    expect(await newTab.getToken('https://desk.example.com')).toEqual({ ok: true, value: null });
    expect(await newTab.deviceTokens?.get('https://desk.example.com')).toEqual({
      ok: true,
      value: 'sess_0123456789abcdef',
    });
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('sess_0123456789abcdef');

    await newTab.clearToken('https://desk.example.com');
    expect(await kept.get('https://desk.example.com')).toEqual({ ok: true, value: null });
  });

  it('checks kept tokens like the others, and offers none without IndexedDB', async () => {
    vi.useRealTimers();
    const web = createWebPlatform(environment({ deviceTokens: deviceTokenStore(new IDBFactory()) }));
    expect(await web.deviceTokens?.keep('https://desk.example.com', 'short')).toEqual({
      ok: false,
      error: 'deviceToken:keep: token: is too short',
    });
    expect(await web.deviceTokens?.get('ftp://desk.example.com')).toEqual({
      ok: false,
      error: 'deviceToken:get: serverUrl: must be an http(s) URL',
    });
    expect(createWebPlatform(environment({ deviceTokens: null })).deviceTokens).toBeUndefined();
  });

  it('defaults the server to the page origin and remembers a chosen one', async () => {
    const web = createWebPlatform(environment());
    expect(await web.getServerUrl()).toEqual({ ok: true, value: 'https://desk.example.com' });
    expect(await web.setServerUrl('http://localhost:3000/')).toEqual({ ok: true, value: 'http://localhost:3000' });
    expect(await web.getServerUrl()).toEqual({ ok: true, value: 'http://localhost:3000' });
  });

  it('opens only http(s) and mailto links, in a new tab without opener', async () => {
    const env = environment();
    const web = createWebPlatform(env);
    expect(await web.openExternal('https://kb.example.com/7')).toEqual({ ok: true, value: undefined });
    expect(env.openWindow).toHaveBeenCalledWith('https://kb.example.com/7');
    expect(await web.openExternal('javascript:alert(1)')).toEqual({
      ok: false,
      error: 'shell:open-external: url: must be an http(s) or mailto link',
    });
    expect(env.openWindow).toHaveBeenCalledTimes(1);
  });

  it('rejects bad arguments with the same messages as the desktop', async () => {
    const web = createWebPlatform(environment());
    expect(await web.setToken('https://desk.example.com', 'short')).toEqual({
      ok: false,
      error: 'token:set: token: is too short',
    });
  });
});
