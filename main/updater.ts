export interface UpdaterLike {
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface AutoUpdateOptions {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  warn(message: string): void;
  /** Injected for tests. */
  every?(check: () => void, ms: number): void;
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Checks the `publish` feed of electron-builder.yml (app-update.yml in the package) at start and every 6 hours, and
 * lets electron-updater notify when an update is downloaded. Off in development (not packaged) and when
 * WORKSTATION_DISABLE_AUTO_UPDATE=1 (managed machines that deploy updates themselves). Returns whether it runs.
 */
export function startAutoUpdates(getUpdater: () => UpdaterLike, options: AutoUpdateOptions): boolean {
  if (!options.isPackaged || options.env.WORKSTATION_DISABLE_AUTO_UPDATE === '1') return false;
  // Only now: electron-updater probes the install (package type, app-update.yml) when its updater is first used.
  const updater = getUpdater();
  const check = () => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => options.warn(`Update check failed: ${String(error)}`));
  };
  check();
  (options.every ?? ((fn, ms) => setInterval(fn, ms).unref()))(check, UPDATE_CHECK_INTERVAL_MS);
  return true;
}
