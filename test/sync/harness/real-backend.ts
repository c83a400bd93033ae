import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../../server/app';
import type { Database, Engine } from '../../../server/db/database';
import type { StorageOptions } from '../../../server/db/open';
import { testStorage } from '../../../server/db/test-databases';
import { type AgingOutcome, ageWorkingSet, setWorkingSetDays } from '../../../server/sync/working-set';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import type { PullResponse, PushResponse, PushRow, SyncCollection, SyncDoc } from '../../../shared/sync/protocol';

/**
 * The real sync server (server/app.ts) for the store's integration tests: embedded PGlite in a data directory of its
 * own (started from the migrated snapshot), or PostgreSQL in a fresh schema when the engine is 'postgres'. Seeded
 * with the demo desk's users and reference data (and `tickets` demo tickets). `restart()` stops the process state
 * (HTTP server, streams, database connection) and starts again on the same port over the same data, as a server
 * restart would.
 */

export const DEMO_PASSWORD = 'demo1234';
export const PERSONAS = {
  admin: 'admin@demo.local',
  supervisor: 'supervisor@demo.local',
  agent: 'agent@demo.local',
  technician: 'technician@demo.local',
} as const;
export type Persona = keyof typeof PERSONAS;
export const SERVICE_DESK = 'q-service-desk';

export interface Session {
  token: string;
  user: User;
}

export interface ServerView {
  tickets: Ticket[];
  comments: Comment[];
}

export interface RealBackend {
  readonly engine: Engine;
  readonly url: string;
  login(persona: Persona): Promise<Session>;
  /** What a fresh replica of this session's user would hold: a pull from scratch, without tombstones. */
  view(token: string): Promise<ServerView>;
  /** Pushes documents as `token`'s user, as another workstation would; throws unless all were accepted. */
  push<C extends 'tickets' | 'comments'>(token: string, collection: C, rows: PushRow<C>[]): Promise<void>;
  /**
   * Moves the working set (server/sync/working-set.ts) as the server's job would: 'now' as if 30 days had passed
   * (every ticket done until now leaves it), 'all' back to the whole history.
   */
  moveWorkingSet(to: 'now' | 'all'): Promise<AgingOutcome>;
  /** Every ticket and comment on the server, the working set's or not (for checks that follow a write anywhere). */
  everything(): Promise<ServerView>;
  /** The ids of the tickets outside the working set (done before its cutoff). */
  outsideWorkingSet(): Promise<string[]>;
  /** Makes every session of the user expired, as the clock passing their expiry would. */
  expireSessions(userId: string): Promise<void>;
  /** Stops the server and starts it again; `whileDown` runs while it is stopped. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The tests' tickets live in the Service Desk, and the technician persona gets some of them: a technician may be
 * assigned only tickets of a queue they work (shared/domain/assignment.ts), so here Tara also works the Service Desk.
 */
async function technicianWorksServiceDesk(url: string): Promise<void> {
  const call = async (path: string, init: RequestInit = {}, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const { token } = (await call('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: PERSONAS.admin, password: DEMO_PASSWORD }),
  })) as { token: string };
  const { updatedAt: _, ...tara } = (await call('/api/admin/users/u-technician', {}, token)) as User & {
    updatedAt: string;
  };
  await call(
    '/api/admin/users/u-technician',
    { method: 'PUT', body: JSON.stringify({ ...tara, queueIds: [...tara.queueIds, SERVICE_DESK] }) },
    token,
  );
}

export async function startRealBackend(
  engine: Engine,
  { tickets = 0, webRoot }: { tickets?: number; webRoot?: string } = {},
): Promise<RealBackend> {
  const storage = await testStorage(engine);
  let dataDir: string | null = null;
  let first: StorageOptions = storage.options;
  let again: StorageOptions = storage.options;
  if (engine === 'pglite') {
    dataDir = await mkdtemp(join(tmpdir(), 'itsm-store-test-'));
    first = { ...storage.options, dataDir };
    again = { dataDir };
  }
  const base = {
    host: '127.0.0.1',
    logger: false as const,
    // The working set is the whole history until a test moves it (moveWorkingSet): the demo desk's done tickets are
    // up to 60 days old, older than the default 30 days.
    workingSetIntervalMs: 0,
    // Property runs sign in hundreds of times.
    loginAttemptsPerMinute: 100_000,
    // The e2e page is served by the server itself, so the store talks to its own origin.
    ...(webRoot === undefined ? {} : { webRoot }),
  };
  let server: RunningServer = await startServer({ ...first, ...base, port: 0, demo: { tickets } });
  const port = server.port;
  await technicianWorksServiceDesk(server.url);

  async function request<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  async function pullAll<C extends SyncCollection>(token: string, collection: C): Promise<SyncDoc<C>[]> {
    const documents: SyncDoc<C>[] = [];
    let checkpoint: number | undefined;
    for (;;) {
      const query = `${checkpoint === undefined ? '' : `checkpoint=${checkpoint}&`}limit=5000`;
      const page = await request<PullResponse<C>>(`/api/sync/${collection}/pull?${query}`, {}, token);
      for (const doc of page.documents) if (!doc._deleted) documents.push(doc as SyncDoc<C>);
      checkpoint = page.checkpoint?.seq ?? checkpoint;
      if (page.documents.length < 5000) return documents;
    }
  }

  return {
    engine,
    get url() {
      return server.url;
    },
    login: (persona) =>
      request<Session>('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: PERSONAS[persona], password: DEMO_PASSWORD }),
      }),
    async view(token) {
      const [tickets, comments] = await Promise.all([pullAll(token, 'tickets'), pullAll(token, 'comments')]);
      return { tickets: tickets.map(content) as Ticket[], comments: comments.map(content) as Comment[] };
    },
    async push(token, collection, rows) {
      const reply = await request<PushResponse>(
        `/api/sync/${collection}/push`,
        { method: 'POST', body: JSON.stringify(rows) },
        token,
      );
      if (reply.conflicts.length > 0 || reply.rejected.length > 0)
        throw new Error(`push ${collection} was not accepted: ${JSON.stringify(reply).slice(0, 500)}`);
    },
    moveWorkingSet: (to) => moveWorkingSet(server.db, to),
    async everything() {
      const [tickets, comments] = await Promise.all([
        server.db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE NOT deleted'),
        server.db.query<{ doc: Comment }>('SELECT doc FROM comments WHERE NOT deleted'),
      ]);
      return { tickets: tickets.rows.map((row) => row.doc), comments: comments.rows.map((row) => row.doc) };
    },
    async outsideWorkingSet() {
      const { rows } = await server.db.query<{ id: string }>(
        'SELECT id FROM tickets WHERE NOT deleted AND done_at <= (SELECT cutoff FROM working_set) ORDER BY id',
      );
      return rows.map((row) => row.id);
    },
    async expireSessions(userId) {
      await server.db.query('UPDATE sessions SET expires_at = $1 WHERE user_id = $2', [
        new Date(Date.now() - 60_000).toISOString(),
        userId,
      ]);
    },
    async restart(whileDown) {
      await server.close();
      await whileDown?.();
      server = await startServer({ ...again, ...base, port });
    },
    async stop() {
      await server.close();
      await storage.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Moves the working set (server/sync/working-set.ts) as the server's job would: 'now' as if 30 days had passed since
 * now (every ticket done so far leaves it), 'all' back to the whole history.
 */
export async function moveWorkingSet(db: Database, to: 'now' | 'all'): Promise<AgingOutcome> {
  await setWorkingSetDays(db, to === 'now' ? 30 : 0);
  return ageWorkingSet(db, new Date(Date.now() + (to === 'now' ? 30 * 24 * 60 * 60 * 1000 : 0)));
}

function content<D extends { _deleted?: boolean }>({ _deleted, ...doc }: D): Omit<D, '_deleted'> {
  return doc;
}

/** The engines to run against: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export { TEST_ENGINES } from '../../../server/db/test-databases';
