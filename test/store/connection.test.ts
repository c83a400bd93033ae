import { describe, expect, it } from 'vitest';
import type { NetworkMonitor } from '../../renderer/src/store/sync-state';
import { makeTicket, makeUser } from '../../shared/testing/fixtures';
import { deskPerTest } from './harness/desk';
import { openClient, state, ticket } from './harness/stores';

/** "Offline" says why: no network on this computer, or the server out of reach while the network is up. */
const agent = makeUser({ id: 'u-agent', role: 'agent' });

/** The computer's network, switched by the test as the operating system would. */
function switchableNetwork(): NetworkMonitor & { set(online: boolean): void } {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  return {
    online: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(value) {
      online = value;
      for (const listener of listeners) listener(value);
    },
  };
}

describe('why the workstation is offline', () => {
  const desk = deskPerTest();

  it('tells "no network" from "server unreachable", and syncs as soon as the network is back', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-1', number: 1, status: 'open' })]);
    const network = switchableNetwork();
    const edge = await server.edge();
    const store = await openClient(server, agent, {
      serverUrl: edge.url,
      network,
      retry: { baseMs: 50, random: () => 1 },
    });
    await store.sync.awaitInSync();

    // The network is up, the server is not: an edit cannot go out.
    edge.down = true;
    expect((await store.actions.updateTicket('t-1', { title: 'Monitor flickers' })).ok).toBe(true);
    expect(await state(store, (s) => s.status === 'offline')).toMatchObject({
      offlineReason: 'server-unreachable',
      pendingCount: 1,
    });

    // The cable is pulled: said at once, without waiting for a request to fail.
    network.set(false);
    expect(await state(store, () => true)).toMatchObject({ status: 'offline', offlineReason: 'no-network' });

    edge.down = false;
    network.set(true);
    await store.sync.awaitInSync();
    expect(await state(store, (s) => s.pendingCount === 0)).toMatchObject({ status: 'online', offlineReason: null });
    expect(await server.get('tickets', 't-1')).toMatchObject({ title: 'Monitor flickers' });
  });

  it('a server answering with errors (503) is "server unreachable", not "online"', async () => {
    const server = desk();
    await server.seed('tickets', [makeTicket({ id: 't-2', number: 2, status: 'open' })]);
    let failing = false;
    const edge = await server.edge();
    edge.answer = () => (failing ? 503 : null);
    const store = await openClient(server, agent, { serverUrl: edge.url, retry: { baseMs: 50, random: () => 1 } });
    await store.sync.awaitInSync();
    failing = true;
    await store.actions.updateTicket('t-2', { title: 'Scanner offline' });
    expect(await state(store, (s) => s.status === 'offline')).toMatchObject({ offlineReason: 'server-unreachable' });
    failing = false;
    await store.sync.awaitInSync();
    expect((await ticket(store, 't-2'))?.title).toBe('Scanner offline');
    expect(await server.get('tickets', 't-2')).toMatchObject({ title: 'Scanner offline' });
  });
});
