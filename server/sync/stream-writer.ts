/**
 * How a live stream writes to its connection without letting a client that stops reading make the server buffer
 * without limit: once more than `maxBuffered` bytes would wait unsent (the socket's and the kernel's buffers full),
 * the connection is closed instead of written (ending it politely would queue behind what the client is not reading). Nothing is lost: its events only say "pull", and the workstation reconnects
 * and pulls from its checkpoint. Below the bound a write that the socket did not take at once (`write` returned
 * false) just waits in Node's buffer until 'drain'.
 */
export const MAX_STREAM_BUFFER_BYTES = 256 * 1024;

/** The part of an HTTP response (node:http ServerResponse) a stream writes through. */
export interface StreamSocket {
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  readonly writableLength: number;
  write(text: string): boolean;
  destroy(): void;
}

/** Returns false, having closed the connection, once it is gone or too far behind. */
export function writeBounded(res: StreamSocket, text: string, maxBuffered = MAX_STREAM_BUFFER_BYTES): boolean {
  if (res.destroyed || res.writableEnded) return false;
  if (res.writableLength + Buffer.byteLength(text) > maxBuffered) {
    res.destroy();
    return false;
  }
  res.write(text);
  return true;
}
