/**
 * The Electron main process: only wiring. Each piece of behaviour lives in a plain module with its own tests.
 */
import { release } from 'node:os';
import { join, resolve } from 'node:path';
import {
  app,
  type BrowserWindow,
  crashReporter,
  ipcMain,
  Menu,
  Notification,
  nativeImage,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { DEEP_LINK_SCHEME, IPC_CHANNELS, parseDeepLink, ServerUrlSchema } from '../shared/ipc/contract';
import { showNotice } from '../shared/notifications/notice';
import { localMinuteOfDay } from '../shared/notifications/quiet-hours';
import { SlaScheduler } from '../shared/notifications/scheduler';
import { APP_ENTRY_URL, APP_SCHEME, appOrigins } from './app-origin';
import { findDeepLink, TicketRouter } from './deep-links';
import { createIpcHandlers, type DesktopServices, effectiveServerUrl } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { isTrustedSender } from './ipc/sender';
import { logCrashes } from './logging';
import { createMainWindow } from './main-window';
import { applicationMenuTemplate } from './menu';
import { createNativeNotifier } from './notifications/native-notifier';
import { secretCipherFor } from './secret-cipher';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './security/app-protocol';
import { contentSecurityPolicy } from './security/csp';
import { type GuardOptions, guardWebContents } from './security/navigation';
import { lockDownPermissions } from './security/permissions';
import { createNotifiedStore, createSettingsStore, type DesktopSettings } from './settings-store';
import { claimSingleInstance } from './single-instance';
import { TokenStore } from './token-store';
import { showAttention } from './tray/attention-indicator';
import { trayMenuTemplate } from './tray/tray-menu';
import { startAutoUpdates } from './updater';
import { createTicketOpener, revealWindow } from './window-focus';

const APP_ID = 'com.itsm.workstation';
const rendererDevUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const origins = appOrigins({ isPackaged: app.isPackaged, rendererUrl: rendererDevUrl });

// Logging first, so everything after it is on file: <logs>/main.log (see docs/desktop.md), native crash dumps kept
// locally in app.getPath('crashDumps'), never uploaded.
log.transports.file.resolvePathFn = () => join(app.getPath('logs'), 'main.log');
log.transports.file.maxSize = 5 * 1024 * 1024;
log.transports.console.level = app.isPackaged ? false : 'debug';
logCrashes(process, app, log);
crashReporter.start({ uploadToServer: false });
const warn = (message: string) => log.warn(message);
// electron-log/main listens for renderer logs on its own IPC channel; the page logs nothing through IPC, and the only
// channels main answers are the contract's (each checked and validated).
ipcMain.removeAllListeners('__ELECTRON_LOG__');
ipcMain.removeHandler('__ELECTRON_LOG__');

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
/** Set once the app is ready: creates the main window (again, on macOS, after it was closed). */
let openMainWindow: (() => BrowserWindow) | null = null;
let tray: Tray | null = null;
let quitting = false;
const router = new TicketRouter((ref) => mainWindow?.webContents.send(IPC_CHANNELS.openTicket, ref));
const openTicket = createTicketOpener(ensureWindow, router);

if (claimSingleInstance(app, process.argv, openTicket)) {
  app.setAppUserModelId(APP_ID); // Windows shows notifications only for an app with an id
  // The badge on Linux belongs to the .desktop file electron-builder installs (linux.executableName).
  if (process.platform === 'linux') app.setDesktopName('itsm-workstation.desktop');
  registerDeepLinkScheme();
  // macOS delivers deep links as open-url, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const ref = parseDeepLink(url);
    if (ref) openTicket(ref);
    else warn(`Ignored deep link ${url}`);
  });
  const launchLink = findDeepLink(process.argv);
  const launchRef = launchLink ? parseDeepLink(launchLink) : null;
  if (launchRef) router.open(launchRef);

  const guards: GuardOptions = {
    origins,
    openExternal: (url) => void shell.openExternal(url).catch((error: unknown) => warn(`openExternal: ${error}`)),
    warn,
  };
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, guards));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => log.error('Startup failed:', error));
}

function registerDeepLinkScheme(): void {
  // Packaged builds register through the installer too (electron-builder `protocols`); this covers development.
  if (process.defaultApp) {
    const entry = process.argv[1];
    if (entry) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(entry)]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
}

function onReady(): void {
  const userData = app.getPath('userData');
  const store = createSettingsStore(join(userData, 'settings.json'), warn);
  const notifiedStore = createNotifiedStore(join(userData, 'sla-notified.json'), warn);
  const tokens = new TokenStore(join(userData, 'tokens'), secretCipherFor(safeStorage, process.platform), warn);
  const settings = {
    get: () => store.get(),
    update(change: (current: DesktopSettings) => DesktopSettings) {
      const next = store.update(change);
      refreshTrayMenu();
      return next;
    },
  };
  const devServer = ServerUrlSchema.safeParse(process.env.WORKSTATION_SERVER_URL);
  const defaultServerUrl = !app.isPackaged && devServer.success ? devServer.data : null;
  const serverUrl = () => effectiveServerUrl({ settings, defaultServerUrl });

  lockDownPermissions(session.defaultSession, origins, warn);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      root: join(import.meta.dirname, '../renderer'),
      csp: () => contentSecurityPolicy(serverUrl()),
    }),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        appName: app.name,
        isMac: process.platform === 'darwin',
        withDevTools: !app.isPackaged,
        openLogFolder: () => void shell.openPath(app.getPath('logs')),
      }),
    ),
  );

  const indicatorTargets = {
    platform: process.platform,
    tray: () => tray,
    window: () => mainWindow,
    setBadgeCount: (count: number) => void app.setBadgeCount(count),
    image: (png: Buffer, scaleFactor: number) => nativeImage.createFromBuffer(png, { scaleFactor }),
  };
  tray = new Tray(nativeImage.createEmpty());
  tray.on('click', showWindow);
  refreshTrayMenu();

  let saveNotified: NodeJS.Timeout | undefined;
  const notify = createNativeNotifier({ Notification, onClick: (target) => openTicket(target), warn });
  const scheduler = new SlaScheduler({
    clock: {
      now: () => Date.now(),
      setTimer(fire, delayMs) {
        const timer = setTimeout(fire, delayMs);
        return () => clearTimeout(timer);
      },
    },
    notify,
    onAttention: (attention) => showAttention(attention, indicatorTargets),
    settings: () => settings.get().notifications,
    notified: notifiedStore.get().keys,
    onNotifiedChange(keys) {
      clearTimeout(saveNotified);
      saveNotified = setTimeout(() => notifiedStore.update(() => ({ keys: [...keys] })), 1_000);
    },
    onSilenced: (count) => log.info(`${count} SLA notification(s) held back by do-not-disturb or quiet hours`),
  });
  scheduler.tick(); // draws the calm tray icon until the page sends its schedule
  powerMonitor.on('resume', () => scheduler.tick());

  const services: DesktopServices = {
    replanAlerts: (schedule) => scheduler.replan(schedule),
    showNotice(notice) {
      if (!showNotice(notice, notify, settings.get().notifications, localMinuteOfDay(Date.now()))) {
        log.info('A notice held back by do-not-disturb or quiet hours');
      }
    },
    settings,
    tokens,
    openExternal: (url) => shell.openExternal(url),
    appInfo: () => ({
      name: app.name,
      version: app.getVersion(),
      shell: 'desktop',
      os: `${process.platform} ${release()}`,
    }),
    defaultServerUrl,
    onServerOriginChange() {
      // After the answer has gone out: the new connect-src applies to the reloaded page.
      setTimeout(() => mainWindow?.webContents.reload(), 100);
    },
  };
  registerIpcHandlers(ipcMain, createIpcHandlers(services), {
    isTrusted: (event) => isTrustedSender(event.senderFrame, origins),
    warn,
    error: (message, cause) => log.error(message, cause),
  });

  openMainWindow = () => {
    const window = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      entryUrl: rendererDevUrl ?? APP_ENTRY_URL,
      settings,
      workAreas: () => [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
      hideOnClose: () => !quitting && tray !== null && settings.get().closeToTray,
      onPageReady: (ready) => router.setReady(ready),
      warn,
    });
    window.on('closed', () => {
      mainWindow = null;
      router.setReady(false);
    });
    return window;
  };
  mainWindow = openMainWindow();
  app.on('activate', showWindow);

  const updater = () => {
    const { autoUpdater } = electronUpdater;
    autoUpdater.logger = log;
    return autoUpdater;
  };
  startAutoUpdates(updater, { isPackaged: app.isPackaged, env: process.env, warn });
  log.info(`ITSM Workstation ${app.getVersion()} started (${process.platform} ${release()})`);

  function refreshTrayMenu(): void {
    if (!tray) return;
    const current = settings.get();
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(
          { closeToTray: current.closeToTray, doNotDisturb: current.notifications.doNotDisturb },
          {
            show: showWindow,
            setCloseToTray: (closeToTray) => settings.update((s) => ({ ...s, closeToTray })),
            setDoNotDisturb: (doNotDisturb) =>
              settings.update((s) => ({ ...s, notifications: { ...s.notifications, doNotDisturb } })),
            quit: () => app.quit(),
          },
        ),
      ),
    );
  }
}

function ensureWindow(): BrowserWindow | null {
  if (!mainWindow && openMainWindow) mainWindow = openMainWindow();
  return mainWindow;
}

function showWindow(): void {
  const window = ensureWindow();
  if (window) revealWindow(window);
}
