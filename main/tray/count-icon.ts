import type { Attention } from '../../shared/notifications/attention';
import { createRaster, fillShape, type Raster, type Rgb } from './png';

/** 3×5 pixel glyphs, enough to write a count. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

export const BREACHED_COLOR: Rgb = [224, 49, 49];
export const WARNING_COLOR: Rgb = [240, 140, 0];
export const CALM_COLOR: Rgb = [73, 80, 87];
const TEXT_COLOR: Rgb = [255, 255, 255];

export const countLabel = (count: number): string => (count > 99 ? '99+' : String(count));

/** The tray / taskbar-overlay icon: a disc, red with breaches, amber with warnings only, grey when calm, with the count. */
export function renderCountIcon(attention: Attention, size: number): Raster {
  const raster = createRaster(size, size);
  const count = attention.breached + attention.warning;
  const color = attention.breached > 0 ? BREACHED_COLOR : attention.warning > 0 ? WARNING_COLOR : CALM_COLOR;
  const r = size / 2;
  fillShape(raster, color, (x, y) => (x - r) ** 2 + (y - r) ** 2 <= r * r);
  if (count === 0) return raster;

  const text = countLabel(count);
  const units = text.length * 4 - 1; // 3 columns per glyph, 1 between glyphs
  const scale = Math.max(1, Math.floor(Math.min((size * 0.7) / units, (size * 0.75) / 5)));
  const left = Math.round((size - units * scale) / 2);
  const top = Math.round((size - 5 * scale) / 2);
  fillShape(raster, TEXT_COLOR, (x, y) => {
    const column = Math.floor((x - left) / scale);
    const row = Math.floor((y - top) / scale);
    if (row < 0 || row > 4 || column < 0 || column >= units || column % 4 === 3) return false;
    return GLYPHS[text[Math.floor(column / 4)] ?? '']?.[row]?.[column % 4] === '1';
  });
  return raster;
}
