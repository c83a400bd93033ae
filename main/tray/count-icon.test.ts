import { describe, expect, it } from 'vitest';
import { BREACHED_COLOR, CALM_COLOR, countLabel, renderCountIcon, WARNING_COLOR } from './count-icon';
import type { Raster } from './png';

const pixel = (r: Raster, x: number, y: number) => [
  ...r.pixels.subarray((y * r.width + x) * 4, (y * r.width + x) * 4 + 4),
];
const whitePixels = (r: Raster) => {
  let count = 0;
  for (let i = 0; i < r.pixels.length; i += 4) if (r.pixels[i] === 255 && r.pixels[i + 1] === 255) count++;
  return count;
};

describe('tray count icon', () => {
  it('is red with breaches, amber with only warnings, grey when calm', () => {
    expect(pixel(renderCountIcon({ breached: 1, warning: 2 }, 32), 16, 3)).toEqual([...BREACHED_COLOR, 255]);
    expect(pixel(renderCountIcon({ breached: 0, warning: 2 }, 32), 16, 3)).toEqual([...WARNING_COLOR, 255]);
    expect(pixel(renderCountIcon({ breached: 0, warning: 0 }, 32), 16, 3)).toEqual([...CALM_COLOR, 255]);
    expect(pixel(renderCountIcon({ breached: 0, warning: 0 }, 32), 0, 0)[3]).toBe(0); // transparent corner
  });

  it('writes the count when there is one', () => {
    expect(whitePixels(renderCountIcon({ breached: 0, warning: 0 }, 32))).toBe(0);
    expect(whitePixels(renderCountIcon({ breached: 3, warning: 4 }, 32))).toBeGreaterThan(20);
    expect(whitePixels(renderCountIcon({ breached: 1, warning: 0 }, 16))).toBeGreaterThan(5);
    expect(countLabel(7)).toBe('7');
    expect(countLabel(120)).toBe('99+');
  });
});
