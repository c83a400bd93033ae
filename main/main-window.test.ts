import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../shared/ipc/contract';
import type { DesktopSettings } from './settings-store';

/** A BrowserWindow stand-in recording how it was built and driven. */
class FakeWindow extends EventEmitter {
  static last: FakeWindow | null = null;
  readonly webContents = new EventEmitter();
  readonly loadURL = vi.fn(async () => {});
  readonly show = vi.fn();
  readonly hide = vi.fn();
  readonly maximize = vi.fn();
  bounds = { x: 10, y: 20, width: 1300, height: 850 };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.last = this;
  }
  isDestroyed = () => false;
  isMaximized = () => false;
  getNormalBounds = () => this.bounds;
}
vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));
const { createMainWindow } = await import('./main-window');

function setup(over: { hideOnClose?: boolean; saved?: DesktopSettings['window'] } = {}) {
  let settings: DesktopSettings = {
    window: over.saved ?? null,
    serverUrl: null,
    notifications: DEFAULT_NOTIFICATION_SETTINGS,
    closeToTray: true,
  };
  const onPageReady = vi.fn();
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl: 'app://workstation/index.html',
    settings: {
      get: () => settings,
      update: (change) => {
        settings = change(settings);
      },
    },
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1040 }],
    hideOnClose: () => over.hideOnClose ?? true,
    onPageReady,
    warn: vi.fn(),
  });
  const window = FakeWindow.last;
  if (!window) throw new Error('no window created');
  return { window, onPageReady, settings: () => settings };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('main window', () => {
  it('is created with every security flag and the preload, and loads the app', () => {
    const { window } = setup();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://workstation/index.html');
  });

  it('comes back where it was, maximized if it was', () => {
    const { window } = setup({ saved: { x: 100, y: 50, width: 1200, height: 800, maximized: true } });
    expect(window.options).toMatchObject({ x: 100, y: 50, width: 1200, height: 800, show: false });
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
  });

  it('remembers its bounds after a move', () => {
    const { window, settings } = setup();
    window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
    window.emit('move');
    vi.advanceTimersByTime(500);
    expect(settings().window).toEqual({ x: 300, y: 200, width: 1000, height: 700, maximized: false });
  });

  it('hides to the tray on close instead of quitting, unless told otherwise', () => {
    const hidden = setup({ hideOnClose: true });
    const close = { preventDefault: vi.fn() };
    hidden.window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(hidden.window.hide).toHaveBeenCalled();

    const quitting = setup({ hideOnClose: false });
    const closing = { preventDefault: vi.fn() };
    quitting.window.emit('close', closing);
    expect(closing.preventDefault).not.toHaveBeenCalled();
  });

  it('tells when the page can receive deep links', () => {
    const { window, onPageReady } = setup();
    window.webContents.emit('did-start-loading');
    window.webContents.emit('did-finish-load');
    expect(onPageReady.mock.calls).toEqual([[false], [true]]);
  });
});
