import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate } from './menu';
import { trayMenuTemplate } from './tray/tray-menu';

const roles = (items: ReturnType<typeof applicationMenuTemplate>): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);

describe('application menu', () => {
  it('has the usual roles, with the macOS app menu on macOS', () => {
    const mac = roles(
      applicationMenuTemplate({ appName: 'ITSM', isMac: true, withDevTools: false, openLogFolder: vi.fn() }),
    );
    expect(mac).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'close', 'editMenu', 'windowMenu', 'reload']));
    const linux = roles(
      applicationMenuTemplate({ appName: 'ITSM', isMac: false, withDevTools: false, openLogFolder: vi.fn() }),
    );
    expect(linux).toEqual(expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'help', 'about']));
    expect(linux).not.toContain('hide');
  });

  it('offers developer tools only outside packaged builds', () => {
    const base = { appName: 'ITSM', isMac: false, openLogFolder: vi.fn() };
    expect(roles(applicationMenuTemplate({ ...base, withDevTools: true }))).toContain('toggleDevTools');
    expect(roles(applicationMenuTemplate({ ...base, withDevTools: false }))).not.toContain('toggleDevTools');
  });
});

describe('tray menu', () => {
  it('toggles do-not-disturb and close-to-tray, and quits', () => {
    const actions = { show: vi.fn(), setCloseToTray: vi.fn(), setDoNotDisturb: vi.fn(), quit: vi.fn() };
    const items = trayMenuTemplate({ closeToTray: true, doNotDisturb: false }, actions);
    const byLabel = (label: string) => items.find((item) => item.label === label);
    expect(byLabel('Do not disturb')?.checked).toBe(false);
    expect(byLabel('Keep running when the window is closed')?.checked).toBe(true);
    // Electron passes the clicked item (with its new checked state); only `checked` is read.
    const click = (label: string, checked: boolean) => {
      const handler = byLabel(label)?.click as ((item: { checked: boolean }) => void) | undefined;
      if (!handler) throw new Error(`no ${label} item`);
      handler({ checked });
    };
    click('Do not disturb', true);
    expect(actions.setDoNotDisturb).toHaveBeenCalledWith(true);
    click('Keep running when the window is closed', false);
    expect(actions.setCloseToTray).toHaveBeenCalledWith(false);
    const quit = byLabel('Quit')?.click as (() => void) | undefined;
    quit?.();
    expect(actions.quit).toHaveBeenCalled();
  });
});
