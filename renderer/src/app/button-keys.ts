import type { KeyboardEvent } from 'react';

/**
 * Enter and Space on a focused button press that button. The window's key dispatcher routes Enter by the stored
 * focus area (the list's "Open ticket", the pane's "Full view") and would take it first; stopping the key at the
 * container keeps it for the button. Put on containers of buttons that show up outside the list (banners, toasts).
 */
export function keepButtonKeys(event: KeyboardEvent): void {
  if ((event.key === 'Enter' || event.key === ' ') && (event.target as Element).closest?.('button'))
    event.stopPropagation();
}
