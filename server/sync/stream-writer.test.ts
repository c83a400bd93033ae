import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeBounded } from './stream-writer';

/** A connection whose client has stopped reading: Node buffers what is written, as for a socket that cannot send. */
const stalled = () => new PassThrough({ highWaterMark: 1024 });

describe('a live stream whose client stops reading', () => {
  it('is written while what waits unsent stays under the bound, and closed before it would pass it', () => {
    const socket = stalled();
    const event = `data: ${JSON.stringify({ type: 'change', collection: 'tickets', seq: 1 })}\n\n`;
    let written = 0;
    while (written < 10_000 && writeBounded(socket, event, 16 * 1024)) written += 1;
    // What waits: 16 KB unsent, plus the 1 KB the stalled reader's side holds.
    const size = Buffer.byteLength(event);
    expect(written).toBeGreaterThanOrEqual(Math.floor((16 * 1024) / size));
    expect(written).toBeLessThanOrEqual(Math.ceil((17 * 1024) / size));
    expect(socket.destroyed).toBe(true);
    expect(writeBounded(socket, event, 16 * 1024)).toBe(false);
  });

  it('is not closed while its client keeps reading', async () => {
    const socket = stalled();
    socket.resume();
    for (let i = 0; i < 1000; i += 1) {
      expect(writeBounded(socket, 'data: {"type":"resync"}\n\n', 4 * 1024)).toBe(true);
      if (socket.writableLength > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(socket.destroyed).toBe(false);
  });
});
