import type { WorkstationApi } from '../../../shared/ipc/contract';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';

/**
 * The platform the UI talks to. Until `renderer/src/platform` (getPlatform) is available this is a minimal browser
 * implementation: tokens in localStorage, no native notifications.
 */
const tokenKey = (serverUrl: string) => `workstation.token:${serverUrl}`;

const browserPlatform: WorkstationApi = {
  shell: 'web',
  scheduleSlaAlerts: async () => ok(undefined),
  getNotificationSettings: async () => ok(DEFAULT_NOTIFICATION_SETTINGS),
  setNotificationSettings: async (s) => ok(s),
  getToken: async (url) => ok(localStorage.getItem(tokenKey(url))),
  setToken: async (url, token) => {
    localStorage.setItem(tokenKey(url), token);
    return ok(undefined);
  },
  clearToken: async (url) => {
    localStorage.removeItem(tokenKey(url));
    return ok(undefined);
  },
  openExternal: async (url) => {
    window.open(url, '_blank', 'noopener');
    return ok(undefined);
  },
  getAppInfo: async () => ok({ name: 'ITSM Workstation', version: '0.1.0', shell: 'web', os: navigator.platform }),
  getServerUrl: async () => ok(localStorage.getItem('workstation.serverUrl')),
  setServerUrl: async (url) => {
    localStorage.setItem('workstation.serverUrl', url);
    return ok(url);
  },
  onOpenTicket: () => () => {},
};

export function getPlatform(): WorkstationApi {
  const injected = (globalThis as { workstation?: WorkstationApi }).workstation;
  return injected ?? browserPlatform;
}
