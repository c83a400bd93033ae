import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_ARGS, IPC_CHANNELS } from '../shared/ipc/contract';
import { createDesktopApi } from './api';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Listener>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: undefined })),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, listener);
      return ipc;
    }),
  };
  // The secret event object main would send along; it must never reach the page.
  const event = { sender: 'ipcRenderer', ports: [] } as unknown as IpcRendererEvent;
  const fromMain = (channel: string, payload: unknown) => listeners.get(channel)?.(event, payload);
  // invoke/on are all the API uses; the real ipcRenderer exists only in a preload.
  return { ipc, api: createDesktopApi(ipc as unknown as Pick<IpcRenderer, 'invoke' | 'on'>), fromMain };
}

describe('preload API', () => {
  it('forwards each call on its declared channel with exactly its arguments', async () => {
    const { ipc, api } = fakeIpc();
    await api.setToken('https://desk.example.com', 'sess_0123456789abcdef');
    expect(ipc.invoke).toHaveBeenLastCalledWith('token:set', 'https://desk.example.com', 'sess_0123456789abcdef');
    await api.getAppInfo();
    expect(ipc.invoke).toHaveBeenLastCalledWith('app:info');
    await api.setServerUrl('http://localhost:3000');
    expect(ipc.invoke).toHaveBeenLastCalledWith('server:set-url', 'http://localhost:3000');
    await api.scheduleSlaAlerts({ alerts: [] });
    expect(ipc.invoke).toHaveBeenLastCalledWith('notify:schedule', { alerts: [] });
  });

  it('covers every invoke channel of the contract', async () => {
    const { ipc, api } = fakeIpc();
    const settings = { doNotDisturb: false, quietHours: { enabled: false, start: '20:00', end: '07:00' } };
    const url = 'https://desk.example.com';
    await Promise.all([
      api.scheduleSlaAlerts({ alerts: [] }),
      api.showNotice({ ticketId: 't-1', title: 'INC-1042 · priority raised to P2', body: 'Response breached' }),
      api.getNotificationSettings(),
      api.setNotificationSettings(settings),
      api.getToken(url),
      api.setToken(url, 'sess_0123456789abcdef'),
      api.clearToken(url),
      api.openExternal(url),
      api.getAppInfo(),
      api.getServerUrl(),
      api.setServerUrl(url),
    ]);
    expect(ipc.invoke.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.keys(IPC_ARGS).sort());
  });

  it('rejects bad arguments in the page, naming the field, without calling main', async () => {
    const { ipc, api } = fakeIpc();
    expect(await api.openExternal('javascript:alert(1)')).toEqual({
      ok: false,
      error: 'shell:open-external: url: must be an http(s) or mailto link',
    });
    expect(await api.setServerUrl('desk.example.com')).toMatchObject({ ok: false });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed invoke into an error result', async () => {
    const { ipc, api } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    expect(await api.getAppInfo()).toEqual({ ok: false, error: "app:info: No handler registered for 'app:info'" });
  });

  it('gives listeners only the ticket reference, never the IPC event, and unsubscribes', () => {
    const { api, fromMain } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = api.onOpenTicket(listener);
    fromMain(IPC_CHANNELS.openTicket, { ticketId: 't-7' });
    expect(listener.mock.calls).toEqual([[{ ticketId: 't-7' }]]);
    fromMain(IPC_CHANNELS.openTicket, { evil: true }); // not a ticket reference: dropped
    unsubscribe();
    fromMain(IPC_CHANNELS.openTicket, { number: 8 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps a ticket that arrives before the page subscribes', () => {
    const { api, fromMain } = fakeIpc();
    fromMain(IPC_CHANNELS.openTicket, { number: 1042 });
    const listener = vi.fn();
    api.onOpenTicket(listener);
    expect(listener).toHaveBeenCalledWith({ number: 1042 });
  });
});
