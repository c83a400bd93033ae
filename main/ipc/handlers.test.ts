import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/ipc/contract';
import type { DesktopSettings } from '../settings-store';
import { createIpcHandlers, type DesktopServices } from './handlers';

function services(over: Partial<DesktopServices> = {}) {
  let current: DesktopSettings = {
    window: null,
    serverUrl: null,
    notifications: DEFAULT_NOTIFICATION_SETTINGS,
    closeToTray: true,
  };
  const all: DesktopServices = {
    replanAlerts: vi.fn(),
    showNotice: vi.fn(),
    settings: {
      get: () => current,
      update: (change) => {
        current = change(current);
        return current;
      },
    },
    tokens: { get: vi.fn(async () => null), set: vi.fn(async () => {}), clear: vi.fn(async () => {}) },
    openExternal: vi.fn(async () => {}),
    appInfo: () => ({ name: 'ITSM Workstation', version: '0.1.0', shell: 'desktop', os: 'linux 6.1' }),
    defaultServerUrl: null,
    onServerOriginChange: vi.fn(),
    ...over,
  };
  return all;
}

describe('desktop IPC handlers', () => {
  it('hand the schedule to the scheduler', async () => {
    const s = services();
    const schedule = { alerts: [] };
    expect(await createIpcHandlers(s).scheduleSlaAlerts(schedule)).toEqual({ ok: true, value: undefined });
    expect(s.replanAlerts).toHaveBeenCalledWith(schedule);
  });

  it('hand a notice to the notifier', async () => {
    const s = services();
    const notice = { ticketId: 't-1', title: 'INC-1042 · priority raised to P2', body: 'Response target breached' };
    expect(await createIpcHandlers(s).showNotice(notice)).toEqual({ ok: true, value: undefined });
    expect(s.showNotice).toHaveBeenCalledWith(notice);
  });

  it('store notification settings and read them back', async () => {
    const handlers = createIpcHandlers(services());
    const settings = { doNotDisturb: true, quietHours: { enabled: false, start: '20:00', end: '07:00' } };
    await handlers.setNotificationSettings(settings);
    expect(await handlers.getNotificationSettings()).toEqual({ ok: true, value: settings });
  });

  it('default the server to WORKSTATION_SERVER_URL until one is set, normalized', async () => {
    const handlers = createIpcHandlers(services({ defaultServerUrl: 'http://localhost:3000/' }));
    expect(await handlers.getServerUrl()).toEqual({ ok: true, value: 'http://localhost:3000' });
  });

  it('reload the page (new CSP) when the server origin changes, not when only the path does', async () => {
    const s = services({ defaultServerUrl: 'http://localhost:3000' });
    const handlers = createIpcHandlers(s);
    expect(await handlers.setServerUrl('https://desk.example.com/itsm/')).toEqual({
      ok: true,
      value: 'https://desk.example.com/itsm',
    });
    expect(s.onServerOriginChange).toHaveBeenCalledTimes(1);
    await handlers.setServerUrl('https://desk.example.com/other');
    expect(s.onServerOriginChange).toHaveBeenCalledTimes(1);
    expect(await handlers.getServerUrl()).toEqual({ ok: true, value: 'https://desk.example.com/other' });
  });
});
