import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowBounds } from '../window-state';

/** The renderer's sandbox: no Node, isolated preload world, web security on, nothing legacy or experimental. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export function mainWindowOptions(bounds: WindowBounds, preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false, // shown on ready-to-show, so the window never flashes white
    title: 'ITSM Workstation',
    backgroundColor: '#1a1b1e',
    webPreferences: secureWebPreferences(preloadPath),
  };
}
