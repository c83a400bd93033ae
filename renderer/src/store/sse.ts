import type { StreamEvent } from '../../../shared/sync/protocol';
import { Backoff } from './backoff';
import { type HttpClient, SessionExpiredError } from './http';

/**
 * A Server-Sent Events reader on fetch, because EventSource cannot send the Authorization header. It reconnects
 * with exponential backoff and jitter, treats a silent connection (no data and no heartbeat comment for
 * `idleTimeoutMs`) as dead, and stops for good on 401 (the store asks the user to sign in again).
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
      const parser = new SseParser((data) => {
        const event = parseEvent(data);
        if (event) options.onEvent(event);
      });
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armIdle();
        parser.push(value);
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

/** Splits an SSE byte stream into events; only `data:` lines matter here, `:` lines are heartbeats. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  constructor(private readonly onData: (data: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onData(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
  }
}

function parseEvent(data: string): StreamEvent | null {
  try {
    const value = JSON.parse(data) as { type?: unknown };
    return value && typeof value.type === 'string' ? (value as StreamEvent) : null;
  } catch {
    return null;
  }
}
