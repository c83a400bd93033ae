import { describe, expect, it } from 'vitest';
import { GateShutError, NetworkGate } from './gate';
import { createHttpClient } from './http';

describe('network gate', () => {
  it('holds requests while offline, sends them when back online, and aborts those in flight on going offline', async () => {
    const gate = new NetworkGate();
    const sent: string[] = [];
    const inFlight: AbortSignal[] = [];
    const http = createHttpClient({
      serverUrl: 'http://desk.test',
      deviceId: 'd',
      getToken: () => 't',
      gate,
      fetch: async (input, init) => {
        sent.push(String(input));
        const signal = init?.signal;
        if (String(input).endsWith('/slow') && signal) {
          inFlight.push(signal);
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        }
        return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
      },
    });
    const held = http.get('/api/held');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([]);
    gate.open();
    expect(await held).toEqual({ ok: true });
    expect(sent).toEqual(['http://desk.test/api/held']);

    const slow = http.get('/api/slow');
    await new Promise((resolve) => setTimeout(resolve, 0));
    gate.close('offline');
    await expect(slow).rejects.toThrow('offline');
    expect(inFlight[0]?.aborted).toBe(true);
  });

  it('fails waiting requests once the store is closed', async () => {
    const gate = new NetworkGate();
    const waiting = gate.pass();
    gate.shutDown();
    await expect(waiting).rejects.toBeInstanceOf(GateShutError);
    gate.open();
    await expect(gate.pass()).rejects.toBeInstanceOf(GateShutError);
  });
});
