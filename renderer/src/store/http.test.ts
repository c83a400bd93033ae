import { describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '../../../shared/sync/protocol';
import { Backoff } from './backoff';
import { NetworkGate } from './gate';
import { createHttpClient } from './http';
import { connectEventStream } from './sse';

async function openGateSpied() {
  const gate = new NetworkGate();
  gate.open();
  const signal = await gate.pass();
  const listening = vi.spyOn(signal, 'addEventListener');
  /** Whether each listener hung on the gate's signal so far has been let go of. */
  const released = () =>
    listening.mock.calls.map(([, , options]) => (options as AddEventListenerOptions).signal?.aborted);
  return { gate, signal, listening, released };
}

/**
 * The gate's signal lives as long as the workstation stays online, through thousands of requests: a listener left on
 * it per request would keep every finished request (and its answer) in memory for the rest of the day.
 */
describe('HTTP client', () => {
  it('releases what it hangs on the gate once each request is over', async () => {
    const { gate, signal: gateSignal, listening, released } = await openGateSpied();
    let calls = 0;
    const http = createHttpClient({
      serverUrl: 'http://desk.test',
      deviceId: 'd-1',
      getToken: () => 'token',
      gate,
      fetch: async () => {
        calls += 1;
        if (calls % 5 === 0) return new Response('nope', { status: 500 });
        return new Response(JSON.stringify({ ok: calls }), { headers: { 'content-type': 'application/json' } });
      },
    });
    for (let i = 0; i < 20; i++) await http.get('/api/thing').catch(() => undefined);
    const stream = new AbortController();
    const response = await http.openStream('/api/stream', stream.signal);
    await response.body?.cancel();
    stream.abort();

    expect(calls).toBe(21);
    expect(listening).toHaveBeenCalledTimes(21);
    expect(released()).toEqual(Array(21).fill(true));
    expect(gateSignal.aborted, 'the gate itself stays open').toBe(false);
  });

  it('lets go of each stream the server ended, as the event stream reconnects', async () => {
    const { gate, released } = await openGateSpied();
    const http = createHttpClient({
      serverUrl: 'http://desk.test',
      deviceId: 'd-1',
      getToken: () => 'token',
      gate,
      // Each stream carries one event, then the server ends it.
      fetch: async () =>
        new Response('data: {"type":"resync"}\n\n', { headers: { 'content-type': 'text/event-stream' } }),
    });
    const events: StreamEvent[] = [];
    const stream = connectEventStream({
      http,
      path: '/api/sync/stream',
      onEvent: (event) => events.push(event),
      onOpen: () => {},
      onDown: () => {},
      backoff: new Backoff({ baseMs: 1, maxMs: 1 }),
    });
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(3));
    stream.close();
    await vi.waitFor(() => expect(released().every(Boolean)).toBe(true));
    expect(released().length).toBeGreaterThanOrEqual(3);
  });
});
