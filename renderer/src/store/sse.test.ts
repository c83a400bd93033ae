import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '../../../shared/sync/protocol';
import { Backoff } from './backoff';
import { createHttpClient } from './http';
import { connectEventStream, type EventStream } from './sse';

/**
 * The live stream as the store sees it: bytes from a server (a fake fetch, one script per connection) through the
 * HTTP client and the SSE reader to `StreamEvent`s, reconnects and sign-in prompts.
 */

/** What the server sends on one connection: text or raw bytes, pauses (ms), then it ends the stream or holds it open. */
interface Connection {
  status?: number;
  send?: (string | Uint8Array | { waitMs: number })[];
  end?: boolean;
}

const encoder = new TextEncoder();

function serve(connections: Connection[]) {
  let requests = 0;
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const script = connections[requests++] ?? {};
    if (script.status) return new Response('', { status: script.status });
    const signal = init?.signal ?? new AbortController().signal;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        // A real connection ends when the client aborts it (idle timeout, close, an event too large).
        signal.addEventListener('abort', () => controller.error(signal.reason), { once: true });
        for (const part of script.send ?? []) {
          if (signal.aborted) return;
          if (typeof part === 'object' && 'waitMs' in part) await new Promise((r) => setTimeout(r, part.waitMs));
          else controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
        }
        if (script.end && !signal.aborted) controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch, requests: () => requests };
}

let open: EventStream | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

function listen(server: ReturnType<typeof serve>, idleTimeoutMs = 10_000) {
  const seen = { events: [] as StreamEvent[], opens: 0, downs: [] as unknown[], unauthorized: 0 };
  const http = createHttpClient({ serverUrl: 'http://desk.test', deviceId: 'd-1', getToken: () => 't', ...server });
  open = connectEventStream({
    http,
    path: '/api/sync/stream',
    onEvent: (event) => seen.events.push(event),
    onOpen: () => seen.opens++,
    onDown: (error) => seen.downs.push(error),
    onUnauthorized: () => seen.unauthorized++,
    backoff: new Backoff({ baseMs: 1, maxMs: 1 }),
    idleTimeoutMs,
  });
  return seen;
}

/** `text` as one chunk per byte: every cut a network could make, inside field names, line ends and characters. */
const byteByByte = (text: string): Uint8Array[] => [...encoder.encode(text)].map((byte) => Uint8Array.of(byte));

describe('the live event stream', () => {
  it('delivers the events however the bytes are cut, and skips heartbeats and payloads that are not events', async () => {
    const escalation = {
      type: 'escalation',
      ticketId: 't-1',
      clock: 'resolution',
      percent: 100,
      title: 'Café printer ☕ jammed',
    };
    const text =
      ': heartbeat\n\n' +
      'data: {"type":"change","collection":"tickets","seq":4}\n\n' +
      ':hb\r\n\r\n' +
      'data: not json\n\n' +
      'data: {"no":"type"}\n\n' +
      `event: x\r\ndata: ${JSON.stringify(escalation)}\r\n\r\n` +
      'data: {"type":\ndata: "resync"}\n\n';
    const seen = listen(serve([{ send: byteByByte(text) }]));

    await vi.waitFor(() => expect(seen.events).toHaveLength(3));
    expect(seen.events).toEqual([{ type: 'change', collection: 'tickets', seq: 4 }, escalation, { type: 'resync' }]);
    expect(seen.opens).toBe(1);
    expect(seen.downs).toEqual([]);
  });

  it('reconnects when the server ends the stream, says so each time, and drops the half event the drop cut off', async () => {
    const server = serve([
      { send: ['data: {"type":"change","collection":"tickets","seq":1}\n\n', 'data: {"type":"chan'], end: true },
      { send: ['ge","collection":"comments","seq":2}\n\n', 'data: {"type":"resync"}\n\n'] },
    ]);
    const seen = listen(server);

    await vi.waitFor(() => expect(seen.events).toHaveLength(2));
    expect(seen.events).toEqual([{ type: 'change', collection: 'tickets', seq: 1 }, { type: 'resync' }]);
    // Each open makes the store pull from its checkpoints: the server sends no event ids to resume from.
    expect(seen.opens).toBe(2);
    expect(seen.downs).toHaveLength(1);
    expect(server.requests()).toBe(2);
  });

  it('keeps a connection that only sends heartbeats, and reconnects one that falls silent', async () => {
    const heartbeats = Array.from({ length: 12 }, () => [{ waitMs: 25 }, ': heartbeat\n\n']).flat();
    const server = serve([{ send: [...heartbeats] }, { send: ['data: {"type":"resync"}\n\n'] }]);
    const seen = listen(server, 150);

    // 12 heartbeats 25 ms apart outlast the 150 ms idle limit many times over without a reconnect.
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.downs).toEqual([]);
    await vi.waitFor(() => expect(seen.events).toEqual([{ type: 'resync' }]), { timeout: 3000 });
    expect(seen.downs).toHaveLength(1);
    expect(String(seen.downs[0])).toMatch(/silent/);
  });

  it('drops a connection whose line never ends, and reconnects', async () => {
    const endless = 'x'.repeat(400_000);
    const server = serve([
      { send: ['data: ', endless, endless, endless, '\n\n'] },
      { send: ['data: {"type":"resync"}\n\n'] },
    ]);
    const seen = listen(server);

    await vi.waitFor(() => expect(seen.events).toEqual([{ type: 'resync' }]));
    expect(seen.downs).toHaveLength(1);
    expect(server.requests()).toBe(2);
  });

  it('stops for good when the session expired, so the user can sign in again', async () => {
    const server = serve([{ status: 401 }, { send: ['data: {"type":"resync"}\n\n'] }]);
    const seen = listen(server);

    await vi.waitFor(() => expect(seen.unauthorized).toBe(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests()).toBe(1);
    expect(seen.events).toEqual([]);
    expect(seen.downs).toEqual([]);
  });
});
