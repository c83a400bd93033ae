import type { MenuItemConstructorOptions } from 'electron';

export interface TrayMenuState {
  closeToTray: boolean;
  doNotDisturb: boolean;
}
export interface TrayMenuActions {
  show(): void;
  setCloseToTray(value: boolean): void;
  setDoNotDisturb(value: boolean): void;
  quit(): void;
}

export function trayMenuTemplate(state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Open ITSM Workstation', click: () => actions.show() },
    { type: 'separator' },
    {
      label: 'Do not disturb',
      type: 'checkbox',
      checked: state.doNotDisturb,
      click: (item) => actions.setDoNotDisturb(item.checked),
    },
    {
      label: 'Keep running when the window is closed',
      type: 'checkbox',
      checked: state.closeToTray,
      click: (item) => actions.setCloseToTray(item.checked),
    },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}
