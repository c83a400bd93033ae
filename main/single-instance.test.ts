import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from './single-instance';

function fakeApp(gotLock: boolean) {
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn((_data?: Record<string, unknown>) => gotLock),
    quit: vi.fn(),
  });
  // The three members claimSingleInstance uses; the real App needs a running Electron.
  return { app, asApp: app as unknown as Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'> };
}

describe('single instance', () => {
  it('a second launch forwards its deep link to the first and quits', () => {
    const { app, asApp } = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(asApp, ['/usr/bin/itsm', 'workstation://ticket/1042'], onSecond)).toBe(false);
    expect(app.requestSingleInstanceLock).toHaveBeenCalledWith({ deepLink: 'workstation://ticket/1042' });
    expect(app.quit).toHaveBeenCalled();
    expect(onSecond).not.toHaveBeenCalled();
  });

  it('the first instance opens the forwarded ticket', () => {
    const { app, asApp } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(asApp, ['/usr/bin/itsm'], onSecond)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['/usr/bin/itsm', '--x'], '/home', { deepLink: 'workstation://ticket/1042' });
    expect(onSecond).toHaveBeenLastCalledWith({ number: 1042 });
  });

  it('a second launch without a valid link just focuses the first', () => {
    const { app, asApp } = fakeApp(true);
    const onSecond = vi.fn();
    claimSingleInstance(asApp, [], onSecond);
    app.emit('second-instance', {}, ['/usr/bin/itsm', 'workstation://ticket/nope'], '/home', { deepLink: null });
    expect(onSecond).toHaveBeenLastCalledWith(null);
  });
});
