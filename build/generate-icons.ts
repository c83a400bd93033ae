/**
 * Draws the app icon and writes every file electron-builder needs, with no image tools:
 *   build/icon.png (512), build/icons/<n>x<n>.png (Linux), build/icon.ico (Windows), build/icon.icns (macOS).
 * Run: npx tsx build/generate-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRaster, encodePng, fillShape, type Raster, type Rgb } from '../main/tray/png';

const OUT = import.meta.dirname;
const BACKGROUND: Rgb = [54, 79, 199];
const FACE: Rgb = [255, 255, 255];
const ALERT: Rgb = [240, 62, 62];

/** Distance from (px, py) to the segment a–b, in the same units. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A clock on a rounded square, with a red alert dot: an SLA desk. Coordinates are fractions of the size. */
function drawIcon(size: number): Raster {
  const raster = createRaster(size, size);
  const u = (x: number, y: number): [number, number] => [x / size, y / size];
  const margin = 0.06;
  const radius = 0.2;
  fillShape(raster, BACKGROUND, (x, y) => {
    const [fx, fy] = u(x, y);
    const cx = Math.min(Math.max(fx, margin + radius), 1 - margin - radius);
    const cy = Math.min(Math.max(fy, margin + radius), 1 - margin - radius);
    return Math.hypot(fx - cx, fy - cy) <= radius;
  });
  fillShape(raster, FACE, (x, y) => {
    const [fx, fy] = u(x, y);
    const d = Math.hypot(fx - 0.47, fy - 0.53);
    const ring = d <= 0.3 && d >= 0.24;
    const hour = segmentDistance(fx, fy, 0.47, 0.53, 0.47, 0.38) <= 0.028;
    const minute = segmentDistance(fx, fy, 0.47, 0.53, 0.6, 0.6) <= 0.022;
    return ring || hour || minute || d <= 0.04;
  });
  fillShape(raster, ALERT, (x, y) => {
    const [fx, fy] = u(x, y);
    return Math.hypot(fx - 0.75, fy - 0.25) <= 0.12;
  });
  return raster;
}

/** ICO with PNG entries (Windows Vista and later). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS with PNG entries: each type code names a pixel size (the @2x codes double a point size). */
function icns(pngFor: (size: number) => Buffer): Buffer {
  const types: [string, number][] = [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic13', 256],
    ['ic08', 256],
    ['ic14', 512],
    ['ic09', 512],
    ['ic10', 1024],
  ];
  const chunks = types.map(([type, size]) => {
    const png = pngFor(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const cache = new Map<number, Buffer>();
const pngFor = (size: number): Buffer => {
  let png = cache.get(size);
  if (!png) {
    png = encodePng(drawIcon(size));
    cache.set(size, png);
  }
  return png;
};

mkdirSync(join(OUT, 'icons'), { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512])
  writeFileSync(join(OUT, 'icons', `${size}x${size}.png`), pngFor(size));
writeFileSync(join(OUT, 'icon.png'), pngFor(512));
writeFileSync(join(OUT, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngFor(size) }))));
writeFileSync(join(OUT, 'icon.icns'), icns(pngFor));
console.log(`icons written to ${OUT}`);
