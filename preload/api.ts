import type { IpcRenderer } from 'electron';
import {
  type InvokeChannel,
  IPC_CHANNELS,
  type OpenTicketRef,
  OpenTicketRefSchema,
  parseIpcArgs,
  type WorkstationApi,
} from '../shared/ipc/contract';
import { err, type Result } from '../shared/result';

type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on'>;

/**
 * The desktop implementation of `WorkstationApi`: every call is checked against the contract's schemas here (a clear
 * error for the page, without a round trip) and forwarded on its declared channel; main validates again.
 * Ticket requests from main are held until the page subscribes (a deep link can arrive before React mounts), and
 * listeners get only the validated reference, never the IPC event.
 */
export function createDesktopApi(ipc: IpcRendererLike): WorkstationApi {
  async function invoke<T>(channel: InvokeChannel, args: readonly unknown[]): Promise<Result<T>> {
    const parsed = parseIpcArgs(channel, args);
    if (!parsed.ok) return parsed;
    try {
      return await ipc.invoke(channel, ...parsed.value);
    } catch (error) {
      return err(`${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const listeners = new Set<(ref: OpenTicketRef) => void>();
  let waiting: OpenTicketRef | null = null;
  ipc.on(IPC_CHANNELS.openTicket, (_event, payload: unknown) => {
    const ref = OpenTicketRefSchema.safeParse(payload);
    if (!ref.success) return;
    if (listeners.size === 0) waiting = ref.data;
    for (const listener of listeners) listener(ref.data);
  });

  return {
    shell: 'desktop',
    scheduleSlaAlerts: (schedule) => invoke(IPC_CHANNELS.scheduleSlaAlerts, [schedule]),
    showNotice: (notice) => invoke(IPC_CHANNELS.showNotice, [notice]),
    getNotificationSettings: () => invoke(IPC_CHANNELS.getNotificationSettings, []),
    setNotificationSettings: (settings) => invoke(IPC_CHANNELS.setNotificationSettings, [settings]),
    getToken: (serverUrl) => invoke(IPC_CHANNELS.getToken, [serverUrl]),
    setToken: (serverUrl, token) => invoke(IPC_CHANNELS.setToken, [serverUrl, token]),
    clearToken: (serverUrl) => invoke(IPC_CHANNELS.clearToken, [serverUrl]),
    openExternal: (url) => invoke(IPC_CHANNELS.openExternal, [url]),
    getAppInfo: () => invoke(IPC_CHANNELS.getAppInfo, []),
    getServerUrl: () => invoke(IPC_CHANNELS.getServerUrl, []),
    setServerUrl: (url) => invoke(IPC_CHANNELS.setServerUrl, [url]),
    onOpenTicket(listener) {
      listeners.add(listener);
      if (waiting !== null) {
        const ref = waiting;
        waiting = null;
        listener(ref);
      }
      return () => {
        listeners.delete(listener);
      };
    },
  } satisfies WorkstationApi;
}
