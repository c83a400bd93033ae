import { describe, expect, it, vi } from 'vitest';

const exposeInMainWorld = vi.fn();
const ipcRenderer = { invoke: vi.fn(), on: vi.fn() };
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer }));

describe('preload', () => {
  it('exposes exactly one object, window.workstation, with the contract’s members and nothing else', async () => {
    await import('./index');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = exposeInMainWorld.mock.calls[0] ?? [];
    expect(name).toBe('workstation');
    expect(Object.keys(api).sort()).toEqual(
      [
        'shell',
        'scheduleSlaAlerts',
        'showNotice',
        'getNotificationSettings',
        'setNotificationSettings',
        'getToken',
        'setToken',
        'clearToken',
        'openExternal',
        'getAppInfo',
        'getServerUrl',
        'setServerUrl',
        'onOpenTicket',
      ].sort(),
    );
    expect(api.shell).toBe('desktop');
    for (const [key, value] of Object.entries(api)) {
      if (key !== 'shell') expect(typeof value, key).toBe('function');
    }
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });
});
