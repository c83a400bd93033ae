import { crc32, deflateSync } from 'node:zlib';

/** A straight-alpha RGBA image, row by row. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an RGBA raster as a PNG (8-bit, colour type 6, no filtering): enough for icons, no image library needed. */
export function encodePng({ width, height, pixels }: Raster): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rows.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export type Rgb = readonly [number, number, number];

export function createRaster(width: number, height: number): Raster {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}

/** Paints `color` over pixel (x, y) with `coverage` in 0..1 (source-over). */
export function blend(raster: Raster, x: number, y: number, color: Rgb, coverage: number): void {
  if (x < 0 || y < 0 || x >= raster.width || y >= raster.height || coverage <= 0) return;
  const i = (y * raster.width + x) * 4;
  const { pixels } = raster;
  const srcA = Math.min(1, coverage);
  const dstA = (pixels[i + 3] ?? 0) / 255;
  const outA = srcA + dstA * (1 - srcA);
  for (let c = 0; c < 3; c++) {
    const dst = pixels[i + c] ?? 0;
    pixels[i + c] = Math.round(((color[c] ?? 0) * srcA + dst * dstA * (1 - srcA)) / outA);
  }
  pixels[i + 3] = Math.round(outA * 255);
}

/** Fills every pixel whose centre samples fall inside `inside`, anti-aliased with 4×4 supersampling. */
export function fillShape(raster: Raster, color: Rgb, inside: (x: number, y: number) => boolean): void {
  const n = 4;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) if (inside(x + (sx + 0.5) / n, y + (sy + 0.5) / n)) hits++;
      }
      blend(raster, x, y, color, hits / (n * n));
    }
  }
}
