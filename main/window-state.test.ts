import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreWindow } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const monitorRight = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoreWindow(undefined, [laptop])).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
  });

  it('restores size, position and maximized state on a display that is still there', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreWindow(saved, [laptop, monitorRight])).toEqual({
      bounds: { x: 2100, y: 100, width: 1600, height: 1000 },
      maximized: true,
    });
  });

  it('comes back centred on the primary display when its monitor is gone', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000, maximized: false };
    expect(restoreWindow(saved, [laptop])).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
  });

  it('pulls a window that hangs off the edge fully onto the display, shrinking it if needed', () => {
    const saved = { x: 1700, y: -50, width: 2400, height: 1200, maximized: false };
    expect(restoreWindow(saved, [laptop]).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('treats a sliver of overlap as invisible', () => {
    const saved = { x: 1900, y: 100, width: 800, height: 600, maximized: false };
    expect(restoreWindow(saved, [laptop]).bounds).toEqual({ ...DEFAULT_SIZE });
  });
});
