import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appOrigins } from '../app-origin';
import { lockDownPermissions, permissionCheckHandler, permissionRequestHandler } from './permissions';

const origins = appOrigins({ isPackaged: true, rendererUrl: undefined });
// The handlers never look at the web contents; a real one needs a running Electron.
const contents = {} as WebContents;

function request(permission: Parameters<ReturnType<typeof permissionRequestHandler>>[1], requestingUrl: string) {
  const callback = vi.fn();
  permissionRequestHandler(origins, () => {})(contents, permission, callback, { requestingUrl, isMainFrame: true });
  return callback.mock.calls[0]?.[0];
}

describe('permission requests', () => {
  it('grant notifications to the app only', () => {
    expect(request('notifications', 'app://workstation/index.html')).toBe(true);
    expect(request('notifications', 'https://evil.example.com/')).toBe(false);
  });

  it('deny everything else, even to the app', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem', 'hid'] as const) {
      expect(request(permission, 'app://workstation/index.html'), permission).toBe(false);
    }
  });

  it('answer permission checks the same way', () => {
    const check = permissionCheckHandler(origins);
    const details = { isMainFrame: true, requestingUrl: 'app://workstation/' };
    expect(check(contents, 'notifications', 'app://workstation', details)).toBe(true);
    expect(check(contents, 'notifications', 'https://evil.example.com', details)).toBe(false);
    expect(check(contents, 'media', 'app://workstation', details)).toBe(false);
  });

  it('are installed on the session', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    // Only these two members are used.
    lockDownPermissions(session as unknown as Session, origins, () => {});
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(expect.any(Function));
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(expect.any(Function));
  });
});
