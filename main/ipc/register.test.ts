import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, IPC_ARGS, IPC_CHANNELS } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import { appOrigins } from '../app-origin';
import { type IpcHandlers, registerIpcHandlers } from './register';
import { isTrustedSender } from './sender';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const origins = appOrigins({ isPackaged: true, rendererUrl: undefined });

function frame(url: string, parent: object | null = null) {
  return { url, parent };
}
// Only senderFrame is read; a real IpcMainInvokeEvent needs a running Electron.
const eventFrom = (senderFrame: ReturnType<typeof frame> | null) => ({ senderFrame }) as unknown as IpcMainInvokeEvent;
const APP = eventFrom(frame('app://workstation/index.html'));

function setup() {
  const listeners = new Map<string, Listener>();
  const handlers: IpcHandlers = {
    scheduleSlaAlerts: vi.fn(async () => ok(undefined)),
    showNotice: vi.fn(async () => ok(undefined)),
    getNotificationSettings: vi.fn(async () => ok(DEFAULT_NOTIFICATION_SETTINGS)),
    setNotificationSettings: vi.fn(async (settings) => ok(settings)),
    getToken: vi.fn(async () => ok('a-token-of-sufficient-length')),
    setToken: vi.fn(async () => ok(undefined)),
    clearToken: vi.fn(async () => ok(undefined)),
    openExternal: vi.fn(async () => ok(undefined)),
    getAppInfo: vi.fn(async () =>
      ok({ name: 'ITSM Workstation', version: '0.1.0', shell: 'desktop' as const, os: 'linux' }),
    ),
    getServerUrl: vi.fn(async () => ok(null)),
    setServerUrl: vi.fn(async (url) => ok(url)),
  };
  const warnings: string[] = [];
  registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, {
    isTrusted: (event) => isTrustedSender(event.senderFrame, origins),
    warn: (m) => warnings.push(m),
    error: () => {},
  });
  const call = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { listeners, handlers, warnings, call };
}

describe('IPC handlers', () => {
  it('registers one handler per invoke channel of the contract', () => {
    expect([...setup().listeners.keys()].sort()).toEqual(Object.keys(IPC_ARGS).sort());
  });

  it('pass validated arguments to the handler and return its result', async () => {
    const { call, handlers } = setup();
    const settings = { doNotDisturb: true, quietHours: { enabled: true, start: '22:00', end: '06:00' } };
    expect(await call(IPC_CHANNELS.setNotificationSettings, APP, settings)).toEqual(ok(settings));
    expect(handlers.setNotificationSettings).toHaveBeenCalledWith(settings);
  });

  it('reject bad arguments with a message naming the field, without calling the handler', async () => {
    const { call, handlers } = setup();
    expect(await call(IPC_CHANNELS.setToken, APP, 'https://desk.example.com', 'short')).toEqual({
      ok: false,
      error: 'token:set: token: is too short',
    });
    expect(await call(IPC_CHANNELS.openExternal, APP, 'file:///etc/passwd')).toEqual({
      ok: false,
      error: 'shell:open-external: url: must be an http(s) or mailto link',
    });
    const badAlert = {
      ticketId: 't',
      label: 'INC-1',
      title: 'x',
      priority: 'P9',
      clock: 'resolution',
      kind: 'breach',
      at: 'soon',
    };
    const result = await call(IPC_CHANNELS.scheduleSlaAlerts, APP, { alerts: [badAlert] });
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).toContain('schedule.alerts.0.priority');
    expect(JSON.stringify(result)).toContain('schedule.alerts.0.at: must be an ISO-8601 date-time');
    expect(await call(IPC_CHANNELS.getAppInfo, APP, 'extra')).toMatchObject({ ok: false });
    expect(handlers.setToken).not.toHaveBeenCalled();
    expect(handlers.openExternal).not.toHaveBeenCalled();
    expect(handlers.scheduleSlaAlerts).not.toHaveBeenCalled();
    expect(handlers.getAppInfo).not.toHaveBeenCalled();
  });

  it('refuse callers other than the app’s own top frame', async () => {
    const { call, handlers, warnings } = setup();
    const refused = { ok: false, error: "token:get: refused, the caller is not the app's own page" };
    const senders = [
      eventFrom(frame('https://evil.example.com/')),
      eventFrom(frame('app://workstation/index.html', frame('app://workstation/index.html'))), // an iframe
      eventFrom(frame('http://localhost:5173/')), // the dev server, in a packaged app
      eventFrom(null), // navigated away or destroyed
    ];
    for (const event of senders)
      expect(await call(IPC_CHANNELS.getToken, event, 'https://desk.example.com')).toEqual(refused);
    expect(handlers.getToken).not.toHaveBeenCalled();
    expect(warnings).toContain('Refused token:get from https://evil.example.com/');
  });

  it('turn a failing handler into an error result', async () => {
    const { call, handlers } = setup();
    vi.mocked(handlers.clearToken).mockRejectedValueOnce(new Error('disk full'));
    expect(await call(IPC_CHANNELS.clearToken, APP, 'https://desk.example.com')).toEqual({
      ok: false,
      error: 'token:clear: disk full',
    });
  });
});
