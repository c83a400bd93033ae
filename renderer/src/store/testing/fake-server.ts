import { checkTransition } from '../../../../shared/domain/lifecycle';
import { priorityProblem } from '../../../../shared/domain/priority';
import type { Ticket } from '../../../../shared/domain/ticket';
import type { User } from '../../../../shared/domain/user';
import { checkPresetWrite } from '../../../../shared/sync/preset-rules';
import {
  DOC_SCHEMAS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type Rejection,
  SERVER_OWNED_FIELDS,
  type StreamEvent,
  type SyncCollection,
  type SyncDoc,
  sameClientState,
  type Tombstone,
} from '../../../../shared/sync/protocol';

/**
 * Test-only: the sync protocol of shared/sync/protocol.ts served from memory through a `fetch` function, so store
 * tests run without a network or a database. It follows the protocol's rules (sequence-ordered pulls, tombstones for
 * tickets outside a technician's scope and presets of other users, stale pushes answered with the master, validation
 * and lifecycle rejections, server-assigned numbers, deleted presets) but none of the real server's persistence. Integration tests use the real server.
 */
export class FakeSyncServer {
  private seq = 0;
  private nextNumber = 1;
  private readonly rows = new Map<SyncCollection, Map<string, { doc: SyncDoc; seq: number }>>();
  private readonly tokens = new Map<string, User>();
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  /** While true every request fails as if the network were down. */
  down = false;
  /** While true writes send no change note, as when the real server's LISTEN connection is lost. */
  muted = false;
  readonly audit: { userId: string; deviceId: string; collection: SyncCollection; id: string }[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  signIn(user: User): string {
    const token = `token-${user.id}-${globalThis.crypto.randomUUID()}`;
    this.tokens.set(token, user);
    this.seed('users', [{ ...user }]);
    return token;
  }

  expire(token: string): void {
    this.tokens.delete(token);
  }

  seed<C extends SyncCollection>(collection: C, docs: object[]): void {
    for (const doc of docs) {
      const number = (doc as { number?: number | null }).number;
      if (collection === 'tickets' && typeof number === 'number')
        this.nextNumber = Math.max(this.nextNumber, number + 1);
      this.write(collection, { ...(doc as SyncDoc), _deleted: false });
    }
  }

  get<C extends SyncCollection>(collection: C, id: string): SyncDoc | undefined {
    return this.table(collection).get(id)?.doc;
  }

  all(collection: SyncCollection): SyncDoc[] {
    return [...this.table(collection).values()].map((r) => r.doc).filter((d) => !d._deleted);
  }

  /** Changes a document as an administrator or another server process would. */
  update<C extends SyncCollection>(collection: C, id: string, patch: Record<string, unknown>): void {
    const current = this.get(collection, id);
    if (!current) throw new Error(`no ${collection} ${id}`);
    this.write(collection, { ...current, ...patch } as SyncDoc);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    if (this.down) throw new TypeError('fetch failed: server unreachable');
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers);
    const token = (headers.get('authorization') ?? '').replace(/^Bearer /, '');
    const user = this.tokens.get(token);
    if (!user) return json({ error: 'unauthorized' }, 401);
    const parts = url.pathname.split('/').filter(Boolean); // api sync <collection> <op>
    if (url.pathname === '/api/auth/logout') {
      this.tokens.delete(token);
      return json({ ok: true });
    }
    if (url.pathname === '/api/sync/stream') return this.stream(init?.signal ?? undefined);
    const collection = parts[2] as SyncCollection;
    if (parts[3] === 'pull') {
      const checkpoint = Number(url.searchParams.get('checkpoint') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 500);
      return json(this.pull(user, collection, checkpoint, limit));
    }
    if (parts[3] === 'push' && init?.body) {
      const rows = JSON.parse(String(init.body)) as PushRow[];
      return json(this.push(user, headers.get('x-device-id') ?? '', collection, rows));
    }
    return json({ error: 'not found' }, 404);
  };

  private table(collection: SyncCollection) {
    let table = this.rows.get(collection);
    if (!table) {
      table = new Map();
      this.rows.set(collection, table);
    }
    return table;
  }

  private visible(user: User, collection: SyncCollection, doc: SyncDoc): boolean {
    if (collection === 'presets') return (doc as SyncDoc<'presets'>).ownerId === user.id;
    if (collection !== 'tickets' || user.role !== 'technician') return true;
    return (doc as SyncDoc<'tickets'>).assigneeId === user.id;
  }

  private pull(user: User, collection: SyncCollection, checkpoint: number, limit: number): PullResponse {
    const rows = [...this.table(collection).values()].filter((r) => r.seq > checkpoint).sort((a, b) => a.seq - b.seq);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      documents: page.map((r) => (this.visible(user, collection, r.doc) ? r.doc : { id: r.doc.id, _deleted: true })),
      checkpoint: last ? { seq: last.seq } : checkpoint > 0 ? { seq: checkpoint } : null,
    };
  }

  private push(user: User, deviceId: string, collection: SyncCollection, rows: PushRow[]): PushResponse {
    const response: PushResponse = { conflicts: [], rejected: [] };
    for (const row of rows) {
      const id = row.newDocumentState.id;
      const current = this.get(collection, id);
      const seen = current && this.visible(user, collection, current) ? current : null;
      const reject = (code: Rejection['code'], message: string) =>
        response.rejected.push({ id, code, message, master: current ? (seen ?? tombstone(id)) : null });
      if (current && !seen && collection !== 'comments') {
        reject('forbidden', 'You may no longer change this document');
        continue;
      }
      if (!sameClientState(collection, row.assumedMasterState, current ?? null)) {
        response.conflicts.push(seen ?? tombstone(id));
        continue;
      }
      const { _deleted, ...content } = row.newDocumentState;
      if (collection === 'presets' && _deleted) {
        if (current && !current._deleted) this.write(collection, { ...current, _deleted: true });
        continue;
      }
      const parsed = DOC_SCHEMAS[collection].safeParse(content);
      if (!parsed.success) {
        reject('validation', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        continue;
      }
      if (collection === 'tickets') {
        const problem = priorityProblem(content as Ticket);
        if (problem) {
          reject('validation', problem);
          continue;
        }
      }
      const refusal = collection === 'presets' && checkPresetWrite(user, null, content as SyncDoc<'presets'>);
      if (refusal) {
        reject(refusal.code, refusal.message);
        continue;
      }
      if (collection === 'comments' && current) {
        reject('immutable', 'Comments cannot be changed');
        continue;
      }
      if (collection === 'tickets' && current) {
        const from = (current as SyncDoc<'tickets'>).status;
        const to = (content as Ticket).status;
        const check = checkTransition(from, to, user.role);
        if (!check.ok) {
          reject('transition', check.reason);
          continue;
        }
      }
      const next: Record<string, unknown> = { ...content, _deleted: false };
      for (const field of SERVER_OWNED_FIELDS[collection]) {
        if (current) next[field] = (current as unknown as Record<string, unknown>)[field];
      }
      if (collection === 'tickets') {
        next.number = current ? (current as SyncDoc<'tickets'>).number : this.nextNumber++;
        next.updatedAt = this.now().toISOString();
        if (!current) next.sla = (content as Ticket).sla;
        if (!current) next.slaDueAt = (content as Ticket).slaDueAt;
      }
      this.write(collection, next as SyncDoc);
      this.audit.push({ userId: user.id, deviceId, collection, id });
    }
    return response;
  }

  private write(collection: SyncCollection, doc: SyncDoc): void {
    const seq = ++this.seq;
    this.table(collection).set(doc.id, { doc, seq });
    if (!this.muted) this.emit({ type: 'change', collection, seq });
  }

  /** Tells every open stream that change notes may have been missed (the real server does so after a LISTEN gap). */
  resync(): void {
    this.emit({ type: 'resync' });
  }

  private emit(event: StreamEvent): void {
    const bytes = new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`);
    for (const controller of this.streams) {
      try {
        controller.enqueue(bytes);
      } catch {
        this.streams.delete(controller);
      }
    }
  }

  /** Ends every open stream, as a server restart would. */
  dropStreams(): void {
    for (const controller of this.streams) {
      try {
        controller.error(new TypeError('network error'));
      } catch {
        // already closed
      }
    }
    this.streams.clear();
  }

  private stream(signal?: AbortSignal): Response {
    let self: ReadableStreamDefaultController<Uint8Array> | null = null;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.streams.add(controller);
        controller.enqueue(new TextEncoder().encode(': connected\n\n'));
      },
      cancel: () => {
        if (self) this.streams.delete(self);
      },
    });
    signal?.addEventListener('abort', () => {
      if (!self) return;
      this.streams.delete(self);
      try {
        self.error(signal.reason);
      } catch {
        // already closed
      }
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
}

const tombstone = (id: string): Tombstone => ({ id, _deleted: true });

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
