import {
  type AppInfo,
  type Notice,
  type NotificationSettings,
  normalizeServerUrl,
  type SlaSchedule,
} from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import { originOf } from '../app-origin';
import type { DesktopSettings } from '../settings-store';
import type { IpcHandlers } from './register';

export interface DesktopServices {
  replanAlerts(schedule: SlaSchedule): void;
  showNotice(notice: Notice): void;
  settings: { get(): DesktopSettings; update(change: (current: DesktopSettings) => DesktopSettings): DesktopSettings };
  tokens: {
    get(serverUrl: string): Promise<string | null>;
    set(serverUrl: string, token: string): Promise<void>;
    clear(serverUrl: string): Promise<void>;
  };
  openExternal(url: string): Promise<void>;
  appInfo(): AppInfo;
  /** The server used until one is configured (WORKSTATION_SERVER_URL in development), or null. */
  defaultServerUrl: string | null;
  /** The configured server's origin changed: the page must reload to get the new CSP. */
  onServerOriginChange(): void;
}

/** The configured server, else the default: the one the CSP allows and the sign-in screen shows. */
export function effectiveServerUrl(services: Pick<DesktopServices, 'settings' | 'defaultServerUrl'>): string | null {
  const url = services.settings.get().serverUrl ?? services.defaultServerUrl;
  return url === null ? null : normalizeServerUrl(url);
}

/** The desktop implementation of every invoke channel; arguments arrive validated (see `registerIpcHandlers`). */
export function createIpcHandlers(services: DesktopServices): IpcHandlers {
  return {
    async scheduleSlaAlerts(schedule: SlaSchedule) {
      services.replanAlerts(schedule);
      return ok(undefined);
    },
    async showNotice(notice: Notice) {
      services.showNotice(notice);
      return ok(undefined);
    },
    async getNotificationSettings() {
      return ok(services.settings.get().notifications);
    },
    async setNotificationSettings(notifications: NotificationSettings) {
      return ok(services.settings.update((current) => ({ ...current, notifications })).notifications);
    },
    async getToken(serverUrl: string) {
      return ok(await services.tokens.get(serverUrl));
    },
    async setToken(serverUrl: string, token: string) {
      await services.tokens.set(serverUrl, token);
      return ok(undefined);
    },
    async clearToken(serverUrl: string) {
      await services.tokens.clear(serverUrl);
      return ok(undefined);
    },
    async openExternal(url: string) {
      await services.openExternal(url);
      return ok(undefined);
    },
    async getAppInfo() {
      return ok(services.appInfo());
    },
    async getServerUrl() {
      return ok(effectiveServerUrl(services));
    },
    async setServerUrl(url: string) {
      const before = effectiveServerUrl(services);
      const serverUrl = normalizeServerUrl(url);
      services.settings.update((current) => ({ ...current, serverUrl }));
      if (before === null || originOf(before) !== originOf(serverUrl)) services.onServerOriginChange();
      return ok(serverUrl);
    },
  };
}
