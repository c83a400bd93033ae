import { z } from 'zod';

/**
 * Window size and position, remembered between sessions and restored onto a display that is still there: a window
 * saved on a monitor that was unplugged comes back centred on the primary one, never off-screen.
 */
export const SavedWindowSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type SavedWindow = z.infer<typeof SavedWindowSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Without x/y Electron centres the window. */
export type WindowBounds = Omit<Rect, 'x' | 'y'> & Partial<Pick<Rect, 'x' | 'y'>>;

export const DEFAULT_SIZE = { width: 1400, height: 900 } as const;
/** How much of the window must overlap a display for it to count as visible (enough to grab the title bar). */
const MIN_VISIBLE = 80;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** `workAreas`: the work area of each connected display (`screen.getAllDisplays()`), the primary first. */
export function restoreWindow(
  saved: SavedWindow | undefined,
  workAreas: readonly Rect[],
): { bounds: WindowBounds; maximized: boolean } {
  const primary = workAreas[0];
  const fallback = {
    width: Math.min(DEFAULT_SIZE.width, primary?.width ?? DEFAULT_SIZE.width),
    height: Math.min(DEFAULT_SIZE.height, primary?.height ?? DEFAULT_SIZE.height),
  };
  if (!saved) return { bounds: fallback, maximized: false };

  let best: { area: Rect; size: number } | null = null;
  for (const area of workAreas) {
    const { width, height } = overlap(saved, area);
    if (width >= MIN_VISIBLE && height >= MIN_VISIBLE && (best === null || width * height > best.size)) {
      best = { area, size: width * height };
    }
  }
  if (best === null) return { bounds: fallback, maximized: saved.maximized };

  const { area } = best;
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  return {
    bounds: {
      x: clamp(saved.x, area.x, area.x + area.width - width),
      y: clamp(saved.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}
