import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './security/web-preferences';
import type { DesktopSettings } from './settings-store';
import { type Rect, restoreWindow } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://workstation/index.html, or the Vite dev server in development. */
  entryUrl: string;
  settings: { get(): DesktopSettings; update(change: (current: DesktopSettings) => DesktopSettings): unknown };
  /** Work areas of the connected displays, the primary first. */
  workAreas(): Rect[];
  /** Closing hides the window instead (tray), unless the app is quitting. */
  hideOnClose(): boolean;
  /** false while the page (re)loads, true once it has loaded: deep links wait for it. */
  onPageReady(ready: boolean): void;
  warn(message: string): void;
}

const SAVE_DELAY_MS = 500;

/** The one main window: restored where it was, shown when painted, remembered when moved, hidden to the tray on close. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = options.settings.get().window ?? undefined;
  const { bounds, maximized } = restoreWindow(saved, options.workAreas());
  const window = new BrowserWindow(mainWindowOptions(bounds, options.preloadPath));

  const save = () => {
    if (window.isDestroyed()) return;
    const { x, y, width, height } = window.getNormalBounds();
    options.settings.update((current) => ({
      ...current,
      window: { x, y, width, height, maximized: window.isMaximized() },
    }));
  };
  let pending: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(pending);
    pending = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);

  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', (event) => {
    clearTimeout(pending);
    save();
    if (options.hideOnClose()) {
      event.preventDefault();
      window.hide();
    }
  });
  window.webContents.on('did-start-loading', () => options.onPageReady(false));
  window.webContents.on('did-finish-load', () => options.onPageReady(true));
  window
    .loadURL(options.entryUrl)
    .catch((error: unknown) => options.warn(`Could not load ${options.entryUrl}: ${error}`));
  return window;
}
