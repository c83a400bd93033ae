import type { BrowserWindow, NativeImage, Tray } from 'electron';
import type { Attention } from '../../shared/notifications/attention';
import { countLabel, renderCountIcon } from './count-icon';
import { encodePng } from './png';

export interface IndicatorTargets {
  platform: NodeJS.Platform;
  tray(): Pick<Tray, 'setImage' | 'setToolTip' | 'setTitle'> | null;
  window(): Pick<BrowserWindow, 'setOverlayIcon'> | null;
  /** `app.setBadgeCount`: the dock (macOS) and Unity launchers (Linux). */
  setBadgeCount(count: number): void;
  /** `nativeImage.createFromBuffer`. */
  image(png: Buffer, scaleFactor: number): NativeImage;
}

export function attentionSummary({ breached, warning }: Attention): string {
  if (breached === 0 && warning === 0) return 'No SLA alerts';
  const parts: string[] = [];
  if (breached > 0) parts.push(`${breached} breached`);
  if (warning > 0) parts.push(`${warning} in warning`);
  return parts.join(', ');
}

/** Shows the count of tickets in breach or warning everywhere the OS offers: tray, dock badge, taskbar overlay. */
export function showAttention(attention: Attention, targets: IndicatorTargets): void {
  const count = attention.breached + attention.warning;
  const summary = attentionSummary(attention);
  // Drawn at 2× so it stays sharp on high-density trays.
  const trayImage = targets.image(encodePng(renderCountIcon(attention, 32)), 2);
  const tray = targets.tray();
  if (tray) {
    tray.setImage(trayImage);
    tray.setToolTip(`ITSM Workstation: ${summary}`);
    if (targets.platform === 'darwin') tray.setTitle(count > 0 ? countLabel(count) : '');
  }
  targets.setBadgeCount(count);
  if (targets.platform === 'win32') {
    targets
      .window()
      ?.setOverlayIcon(count > 0 ? targets.image(encodePng(renderCountIcon(attention, 16)), 1) : null, summary);
  }
}
