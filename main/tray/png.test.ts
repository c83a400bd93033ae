import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRaster, encodePng, fillShape } from './png';

describe('PNG encoder', () => {
  it('writes a valid RGBA PNG whose pixels read back', () => {
    const raster = createRaster(3, 2);
    fillShape(raster, [255, 0, 0], (x) => x < 1);
    const png = encodePng(raster);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(3); // IHDR width
    expect(png.readUInt32BE(20)).toBe(2); // IHDR height
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect([...rows.subarray(0, 1 + 8)]).toEqual([0, 255, 0, 0, 255, 0, 0, 0, 0]);
  });
});
