import { describe, expect, it, vi } from 'vitest';
import { startAutoUpdates, UPDATE_CHECK_INTERVAL_MS } from './updater';

describe('auto-update', () => {
  const updater = () => ({ checkForUpdatesAndNotify: vi.fn(async () => null) });

  it('checks at start and every six hours in a packaged app', () => {
    const u = updater();
    const every = vi.fn();
    expect(startAutoUpdates(() => u, { isPackaged: true, env: {}, warn: vi.fn(), every })).toBe(true);
    expect(u.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    expect(every).toHaveBeenCalledWith(expect.any(Function), UPDATE_CHECK_INTERVAL_MS);
  });

  it('is off in development and when disabled by the environment', () => {
    const getUpdater = vi.fn(updater);
    expect(startAutoUpdates(getUpdater, { isPackaged: false, env: {}, warn: vi.fn(), every: vi.fn() })).toBe(false);
    const env = { WORKSTATION_DISABLE_AUTO_UPDATE: '1' };
    expect(startAutoUpdates(getUpdater, { isPackaged: true, env, warn: vi.fn(), every: vi.fn() })).toBe(false);
    expect(getUpdater).not.toHaveBeenCalled(); // electron-updater is not even set up
  });

  it('logs a failed check instead of crashing', async () => {
    const warn = vi.fn();
    const u = { checkForUpdatesAndNotify: vi.fn(async () => Promise.reject(new Error('offline'))) };
    startAutoUpdates(() => u, { isPackaged: true, env: {}, warn, every: vi.fn() });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('Update check failed: Error: offline'));
  });
});
