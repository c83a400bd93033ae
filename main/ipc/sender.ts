import type { WebFrameMain } from 'electron';
import { isAppUrl } from '../app-origin';

/**
 * IPC is answered only for the app's own page: the top frame (no iframe, even a same-origin one) whose URL is on the
 * app's origin. A frame that navigated away or was destroyed (null) is refused.
 */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null,
  origins: ReadonlySet<string>,
): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, origins);
}
