/**
 * Boots main/index.ts against a mocked Electron and checks the wiring: what is registered before `ready`, what the
 * window, session, protocol and IPC get, and that a schedule from the page ends in a native notification, a tray
 * icon and a badge. (The real Electron binary cannot run here; each module has its own tests.)
 */
import { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_ARGS } from '../shared/ipc/contract';

const electronPromise = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const userData = mkdtempSync(join(tmpdir(), 'main-'));
  class FakeWindow extends EventEmitter {
    static all: FakeWindow[] = [];
    webContents = Object.assign(new EventEmitter(), { send: (..._args: unknown[]) => {}, reload: () => {} });
    loadURL = async (_url: string) => {};
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeWindow.all.push(this);
    }
    isDestroyed = () => false;
    isMaximized = () => false;
    isMinimized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1400, height: 900 });
    show = () => {};
    focus = () => {};
    restore = () => {};
    maximize = () => {};
    hide = () => {};
    setOverlayIcon = () => {};
  }
  class FakeTray extends EventEmitter {
    static last: FakeTray | null = null;
    images: unknown[] = [];
    tooltip = '';
    constructor() {
      super();
      FakeTray.last = this;
    }
    setImage = (image: unknown) => this.images.push(image);
    setToolTip = (text: string) => {
      this.tooltip = text;
    };
    setTitle = () => {};
    setContextMenu = () => {};
  }
  class FakeNotification extends EventEmitter {
    static shown: { title?: string; body?: string }[] = [];
    static isSupported = () => true;
    constructor(readonly options: { title?: string; body?: string }) {
      super();
    }
    show = () => FakeNotification.shown.push(this.options);
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'ITSM Workstation',
    requestSingleInstanceLock: () => true,
    quit: () => {},
    setAppUserModelId: () => {},
    setDesktopName: () => {},
    setAsDefaultProtocolClient: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => join(userData, name),
    getVersion: () => '0.1.0',
    badge: -1,
    setBadgeCount(count: number) {
      app.badge = count;
      return true;
    },
  });
  return {
    app,
    FakeWindow,
    FakeTray,
    FakeNotification,
    protocol: { registerSchemesAsPrivileged: (_schemes: unknown) => {}, handle: (_s: string, _h: unknown) => {} },
    ipcMain: {
      handle: (_c: string, _l: unknown) => {},
      removeHandler: (_c: string) => {},
      removeAllListeners: (_c: string) => {},
    },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
    crashReporter: { start: (_options: unknown) => {} },
  };
});

vi.mock('electron', async () => {
  const electron = await electronPromise;
  return {
    app: electron.app,
    BrowserWindow: electron.FakeWindow,
    Tray: electron.FakeTray,
    Notification: electron.FakeNotification,
    protocol: electron.protocol,
    ipcMain: electron.ipcMain,
    session: electron.session,
    crashReporter: electron.crashReporter,
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    nativeImage: { createEmpty: () => ({}), createFromBuffer: (png: Buffer) => ({ png }) },
    powerMonitor: new EventEmitter(),
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptStringAsync: async () => Buffer.alloc(0),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    shell: { openExternal: async () => {}, openPath: async () => '' },
  };
});
vi.mock('electron-log/main', () => ({
  default: { transports: { file: {}, console: {} }, info: () => {}, warn: () => {}, error: () => {} },
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: { checkForUpdatesAndNotify: async () => null } } }));

const electron = await electronPromise;
const spies = {
  privileged: vi.spyOn(electron.protocol, 'registerSchemesAsPrivileged'),
  protocolHandle: vi.spyOn(electron.protocol, 'handle'),
  ipcHandle: vi.spyOn(electron.ipcMain, 'handle'),
  ipcRemoveHandler: vi.spyOn(electron.ipcMain, 'removeHandler'),
  crash: vi.spyOn(electron.crashReporter, 'start'),
  permissions: vi.spyOn(electron.session.defaultSession, 'setPermissionRequestHandler'),
};
const listenersBefore = new Set(process.listeners('uncaughtException'));
const rejectionListenersBefore = new Set(process.listeners('unhandledRejection'));

beforeAll(async () => {
  process.env.WORKSTATION_SERVER_URL = 'http://127.0.0.1:4010';
  delete process.env.ELECTRON_RENDERER_URL;
  await import('./index');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then run
});
afterAll(() => {
  // index.ts logs crashes of the process it runs in: here that is the test worker, so take the listeners back.
  for (const l of process.listeners('uncaughtException'))
    if (!listenersBefore.has(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection'))
    if (!rejectionListenersBefore.has(l)) process.off('unhandledRejection', l);
});

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handlerFor = (channel: string): Invoke => {
  const call = spies.ipcHandle.mock.calls.find(([c]) => c === channel);
  if (!call) throw new Error(`${channel} not registered`);
  return call[1] as Invoke;
};
const fromApp = { senderFrame: { url: 'app://workstation/index.html', parent: null } };

describe('main process wiring', () => {
  it('registers the privileged app:// scheme and local crash dumps before ready', () => {
    expect(spies.privileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(spies.crash).toHaveBeenCalledWith({ uploadToServer: false });
  });

  it('serves the renderer through app:// with a CSP allowing the configured server', async () => {
    const [scheme, handler] = spies.protocolHandle.mock.calls[0] ?? [];
    expect(scheme).toBe('app');
    const response = await (handler as (r: Request) => Promise<Response>)(new Request('app://workstation/index.html'));
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:4010");
  });

  it('locks down permissions and answers every invoke channel, and only those', () => {
    expect(spies.permissions).toHaveBeenCalled();
    expect(spies.ipcRemoveHandler).toHaveBeenCalledWith('__ELECTRON_LOG__');
    expect(spies.ipcHandle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.keys(IPC_ARGS).sort());
  });

  it('opens one secure window on the app', () => {
    expect(electron.FakeWindow.all).toHaveLength(1);
    const [window] = electron.FakeWindow.all;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('guards every web contents the app creates', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });

  it('turns a schedule from the page into a notification, a tray count and a badge', async () => {
    const breach = {
      ticketId: 't-1',
      label: 'INC-1042',
      title: 'Mail server down',
      priority: 'P1',
      clock: 'resolution',
      kind: 'breach',
      at: new Date(Date.now() - 60_000).toISOString(),
    };
    expect(await handlerFor('notify:schedule')(fromApp, { alerts: [breach] })).toEqual({ ok: true, value: undefined });
    expect(electron.FakeNotification.shown).toContainEqual({
      title: 'INC-1042 · P1 breached',
      body: 'Mail server down (resolution)',
    });
    expect(electron.FakeTray.last?.tooltip).toBe('ITSM Workstation: 1 breached');
    expect(electron.app.badge).toBe(1);
  });

  it('opens the ticket of a second launch once the page has loaded', () => {
    const [window] = electron.FakeWindow.all;
    if (!window) throw new Error('no window');
    const send = vi.spyOn(window.webContents, 'send');
    window.webContents.emit('did-finish-load');
    electron.app.emit('second-instance', {}, ['itsm'], '/', { deepLink: 'workstation://ticket/1042' });
    expect(send).toHaveBeenCalledWith('nav:open-ticket', { number: 1042 });
  });

  it('refuses to persist a token when the OS cannot encrypt it', async () => {
    const setToken = handlerFor('token:set');
    expect(await setToken(fromApp, 'http://127.0.0.1:4010', 'sess_0123456789abcdef')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await handlerFor('token:get')(fromApp, 'http://127.0.0.1:4010')).toEqual({
      ok: true,
      value: 'sess_0123456789abcdef',
    });
    expect(() => readdirSync(join(electron.app.getPath('userData'), 'tokens'))).toThrow(); // nothing on disk
  });
});
