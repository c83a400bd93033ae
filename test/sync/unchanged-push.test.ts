import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import type { PullResponse, PushResponse, SyncDoc } from '../../shared/sync/protocol';
import { makeTicket } from '../../shared/testing/fixtures';
import { type RealBackend, SERVICE_DESK, startRealBackend } from './harness/real-backend';

/**
 * A push whose client-owned fields equal the server's row writes nothing, but when the workstation holds its own
 * values for server-owned fields (a local updatedAt or SLA, e.g. after edits that cancel out inside one push), the
 * server answers with its master in `conflicts`, so RxDB's merge adopts the server's values instead of keeping the
 * local ones for ever (nothing got a new sequence number, so no pull would correct them).
 */
let backend: RealBackend;
beforeAll(async () => {
  backend = await startRealBackend('pglite');
}, 120_000);
afterAll(async () => {
  await backend?.stop();
});

async function call<T>(path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${backend.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('a push that changes nothing the client owns', () => {
  it('lets the workstation learn the server’s own values (conflict answer or a new sequence)', async () => {
    const { token: desk } = await backend.login('supervisor');
    const now = new Date().toISOString();
    const created = makeTicket({ id: randomUUID(), number: null, status: 'open', queueId: SERVICE_DESK });
    await backend.push(desk, 'tickets', [
      { assumedMasterState: null, newDocumentState: { ...created, createdAt: now, updatedAt: now, _deleted: false } },
    ]);
    const { token } = await backend.login('agent');
    const before = await call<PullResponse<'tickets'>>('/api/sync/tickets/pull?limit=5000', token);
    const master = before.documents.find((d) => d.id === created.id) as SyncDoc<'tickets'>;
    expect(master.number).toBeGreaterThan(0);

    // The workstation's replica after edits that cancelled out: same content, its own later updatedAt.
    const local: SyncDoc<'tickets'> = { ...master, updatedAt: new Date(Date.now() + 5_000).toISOString() };
    const reply = await call<PushResponse<'tickets'>>('/api/sync/tickets/push', token, [
      { assumedMasterState: master, newDocumentState: local },
    ]);
    expect(reply.rejected).toEqual([]);
    const answered = reply.conflicts.find((d) => d.id === created.id) as Ticket | undefined;
    const after = await call<PullResponse<'tickets'>>(
      `/api/sync/tickets/pull?checkpoint=${before.checkpoint?.seq ?? 0}&limit=5000`,
      token,
    );
    const pulled = after.documents.find((d) => d.id === created.id) as Ticket | undefined;
    // Either way the workstation would end up with the server's updatedAt instead of its own.
    expect((answered ?? pulled)?.updatedAt).toBe(master.updatedAt);
  }, 60_000);
});
