import type { NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { attentionSummary, type IndicatorTargets, showAttention } from './attention-indicator';

function targets(platform: NodeJS.Platform) {
  const tray = { setImage: vi.fn(), setToolTip: vi.fn(), setTitle: vi.fn() };
  const window = { setOverlayIcon: vi.fn() };
  const setBadgeCount = vi.fn();
  // Stands in for nativeImage, which needs a running Electron.
  const image = vi.fn((png: Buffer, scaleFactor: number) => ({ png, scaleFactor }) as unknown as NativeImage);
  const all: IndicatorTargets = { platform, tray: () => tray, window: () => window, setBadgeCount, image };
  return { all, tray, window, setBadgeCount, image };
}

describe('attention indicators', () => {
  it('puts the count on the tray, the dock badge and the tooltip', () => {
    const t = targets('darwin');
    showAttention({ breached: 2, warning: 3 }, t.all);
    expect(t.setBadgeCount).toHaveBeenCalledWith(5);
    expect(t.tray.setToolTip).toHaveBeenCalledWith('ITSM Workstation: 2 breached, 3 in warning');
    expect(t.tray.setTitle).toHaveBeenCalledWith('5');
    expect(t.tray.setImage).toHaveBeenCalledWith(expect.objectContaining({ scaleFactor: 2 }));
  });

  it('uses the taskbar overlay on Windows, cleared when calm', () => {
    const t = targets('win32');
    showAttention({ breached: 1, warning: 0 }, t.all);
    expect(t.window.setOverlayIcon).toHaveBeenLastCalledWith(expect.anything(), '1 breached');
    showAttention({ breached: 0, warning: 0 }, t.all);
    expect(t.window.setOverlayIcon).toHaveBeenLastCalledWith(null, 'No SLA alerts');
    expect(t.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(t.tray.setTitle).not.toHaveBeenCalled();
  });

  it('summarises the state in words', () => {
    expect(attentionSummary({ breached: 0, warning: 1 })).toBe('1 in warning');
  });
});
