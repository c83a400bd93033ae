import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import { makeComment, makeTicket } from '../../shared/testing/fixtures';
import { RemoteClient } from './harness/clients';
import { type RealBackend, SERVICE_DESK, startRealBackend, TEST_ENGINES } from './harness/real-backend';

/**
 * An admin changes a signed-in agent's queues. The server's scope changes at once, but a checkpointed pull never
 * re-sends documents older than the checkpoint: the workstation notices its own user changed (through the users
 * pull) and pulls tickets and comments again, keeping unpushed local edits, and drops what is no longer in scope.
 */
const HARDWARE = 'q-hardware';

describe.each(TEST_ENGINES)('a signed-in user whose queues change (%s)', (engine) => {
  let backend: RealBackend;
  let client: RemoteClient;
  beforeAll(async () => {
    [backend, client] = await Promise.all([startRealBackend(engine), RemoteClient.spawn()]);
  }, 120_000);
  afterAll(async () => {
    // The worker goes first: its open connections would otherwise hold the server's shutdown for a keep-alive period.
    await client?.terminate();
    await backend?.stop();
  }, 120_000);

  async function adminRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { token } = await backend.login('admin');
    const response = await fetch(`${backend.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function setQueues(userId: string, queueIds: string[]): Promise<void> {
    const { updatedAt: _, ...user } = await adminRequest<User>('GET', `/api/admin/users/${userId}`);
    await adminRequest('PUT', `/api/admin/users/${userId}`, { ...user, queueIds });
  }

  /** Waits until the replica shows what `ready` looks for (the change reaches it through the live stream). */
  async function eventually(ready: (snap: Awaited<ReturnType<RemoteClient['snapshot']>>) => boolean) {
    for (let attempt = 0; attempt < 100; attempt++) {
      await client.awaitInSync();
      const snap = await client.snapshot();
      if (ready(snap)) return snap;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the replica never showed the expected state');
  }

  it('gains a queue: its old tickets and comments arrive without signing out; losing it drops them, local edits survive', async () => {
    // Tickets in Hardware (not the agent's) and in the Service Desk, with a comment, all before the agent signs in.
    const { token: deskToken } = await backend.login('supervisor');
    const now = new Date().toISOString();
    const ticket = (queueId: string): Ticket =>
      makeTicket({ id: randomUUID(), number: null, status: 'open', queueId, createdAt: now, updatedAt: now });
    const hardware = ticket(HARDWARE);
    const desk = ticket(SERVICE_DESK);
    await backend.push(
      deskToken,
      'tickets',
      [hardware, desk].map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
    );
    const note = makeComment({ id: randomUUID(), ticketId: hardware.id, authorId: 'u-supervisor', createdAt: now });
    await backend.push(deskToken, 'comments', [
      { assumedMasterState: null, newDocumentState: { ...note, _deleted: false } },
    ]);

    const { token, user } = await backend.login('agent');
    const queuesBefore = user.queueIds;
    expect(queuesBefore).not.toContain(HARDWARE);
    await client.open({ serverUrl: backend.url, token, user, deviceId: `${engine}-scope` });
    await client.awaitInSync();
    let snap = await client.snapshot();
    expect(snap.tickets.map((t) => t.id)).toContain(desk.id);
    expect(snap.tickets.map((t) => t.id)).not.toContain(hardware.id);

    try {
      // An unpushed local edit while the scope changes: it must survive the re-pull and reach the server.
      await client.setOnline(false);
      expect((await client.act('updateTicket', desk.id, { title: 'Edited while the queues changed' })).ok).toBe(true);
      await setQueues(user.id, [...queuesBefore, HARDWARE]);
      await client.setOnline(true);
      snap = await eventually((s) => s.tickets.some((t) => t.id === hardware.id));
      expect(snap.comments.map((c) => c.id)).toContain(note.id);
      expect(snap.tickets.find((t) => t.id === desk.id)?.title).toBe('Edited while the queues changed');
      expect(snap.pendingCount).toBe(0);
      const { token: adminToken } = await backend.login('admin');
      const server = await backend.view(adminToken);
      expect(server.tickets.find((t) => t.id === desk.id)?.title).toBe('Edited while the queues changed');

      // The queue is taken away again: its tickets and comments leave the replica; the rest stays.
      await setQueues(user.id, queuesBefore);
      snap = await eventually((s) => !s.tickets.some((t) => t.id === hardware.id));
      expect(snap.comments.map((c) => c.id)).not.toContain(note.id);
      expect(snap.tickets.map((t) => t.id)).toContain(desk.id);
      expect(snap.conflicts).toEqual([]);
      expect(snap.rejections).toEqual([]);
    } finally {
      await setQueues(user.id, queuesBefore);
    }
  }, 180_000);
});
