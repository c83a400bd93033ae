import { createParser } from 'eventsource-parser';
import type { StreamEvent } from '../../../shared/sync/protocol';
import { Backoff } from './backoff';
import { type HttpClient, SessionExpiredError } from './http';

/**
 * A Server-Sent Events reader on fetch, because EventSource cannot send the Authorization header. It reconnects
 * with exponential backoff and jitter, treats a silent connection (no data and no heartbeat comment for
 * `idleTimeoutMs`) as dead, and stops for good on 401 (the store asks the user to sign in again). The bytes are parsed
 * by `eventsource-parser` (a fresh parser per connection, so half an event cut off by a drop is never glued to the next
 * connection's); only `data:` payloads that are JSON with a `type` become events. The server sends no event ids:
 * after a reconnect `onOpen` makes the client pull from its checkpoints, which covers whatever it missed.
 */

export interface EventStreamOptions {
  http: HttpClient;
  path: string;
  onEvent: (event: StreamEvent) => void;
  /** Every successful (re)connect: the client may have missed changes while it was away. */
  onOpen: () => void;
  onDown: (error: unknown) => void;
  onUnauthorized?: () => void;
  backoff?: Backoff;
  idleTimeoutMs?: number;
}

export interface EventStream {
  close(): void;
}

/** Far above any event the server sends (a change note or an escalation is well under a kilobyte). */
const MAX_BUFFERED_CHARS = 1_000_000;

export function connectEventStream(options: EventStreamOptions): EventStream {
  const backoff = options.backoff ?? new Backoff({ baseMs: 500, maxMs: 30_000 });
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  let closed = false;
  let current: AbortController | null = null;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function readOnce(): Promise<void> {
    const controller = new AbortController();
    current = controller;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => controller.abort(new Error('stream: silent for too long')), idleTimeoutMs);
    };
    try {
      const response = await options.http.openStream(options.path, controller.signal);
      if (!response.body) throw new Error('stream: no body');
      backoff.reset();
      options.onOpen();
      armIdle();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = createParser({
        onEvent: ({ data }) => {
          const event = parseEvent(data);
          if (event) options.onEvent(event);
        },
        // A line or event that never ends is not a live stream: drop the connection and reconnect.
        maxBufferSize: MAX_BUFFERED_CHARS,
        onError: (error) => {
          if (error.type === 'max-buffer-size-exceeded') controller.abort(error);
        },
      });
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armIdle();
        parser.feed(value);
      }
      throw new Error('stream: closed by the server');
    } finally {
      clearTimeout(idleTimer);
      current = null;
      // Ends the request and lets go of what it hung on the gate (http.ts), however the stream ended.
      controller.abort(new Error('stream: ended'));
    }
  }

  void (async () => {
    while (!closed) {
      try {
        await readOnce();
      } catch (error) {
        if (closed) return;
        if (error instanceof SessionExpiredError) {
          options.onUnauthorized?.();
          return;
        }
        options.onDown(error);
        await sleep(backoff.next());
      }
    }
  })();

  return {
    close() {
      closed = true;
      current?.abort(new Error('stream: closed'));
      wake?.();
    },
  };
}

function parseEvent(data: string): StreamEvent | null {
  try {
    const value = JSON.parse(data) as { type?: unknown };
    return value && typeof value.type === 'string' ? (value as StreamEvent) : null;
  } catch {
    return null;
  }
}
