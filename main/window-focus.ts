import type { BrowserWindow } from 'electron';
import type { OpenTicketRef } from '../shared/ipc/contract';
import type { TicketRouter } from './deep-links';

type RevealableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** Brings the window back from the tray, the taskbar or behind other windows. */
export function revealWindow(window: RevealableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * What a notification click, a deep link or a second launch does: reveal the window and, when a ticket was named,
 * have the page open it (as soon as the page can listen).
 */
export function createTicketOpener(
  getWindow: () => RevealableWindow | null,
  router: Pick<TicketRouter, 'open'>,
): (ref: OpenTicketRef | null) => void {
  return (ref) => {
    const window = getWindow();
    if (window) revealWindow(window);
    if (ref) router.open(ref);
  };
}
