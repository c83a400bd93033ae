/**
 * Test servers over real HTTP: one per engine (PGlite in memory always; PostgreSQL in its own schema when
 * DATABASE_URL is set), seeded with the demo desk's reference data and users, and a small API client.
 */
import { type RunningServer, type ServerOptions, startServer } from '../../server/app';
import type { Engine } from '../../server/db/database';
import { type TestStorage, testStorage } from '../../server/db/test-databases';
import type { DemoOptions } from '../../server/demo/seed';
import type { Comment } from '../../shared/domain/comment';
import { emptySla, NO_DUE, type Ticket } from '../../shared/domain/ticket';
import type { LoginResponse } from '../../shared/server-api/auth';
import type { PullResponse, PushResponse, PushRow, SyncCollection, SyncDoc } from '../../shared/sync/protocol';

export { TEST_ENGINES } from '../../server/db/test-databases';

export const PASSWORD = 'demo1234';

export interface TestServer extends RunningServer {
  storage: TestStorage;
  /** Stops the server and drops the test schema. */
  stop(): Promise<void>;
}

export type TestServerOptions = Partial<
  Pick<
    ServerOptions,
    | 'heartbeatMs'
    | 'loginAttemptsPerMinute'
    | 'pushesPerMinute'
    | 'portalRepliesPerMinute'
    | 'tokenTtlMs'
    | 'idleTimeoutMs'
    | 'streamsPerSession'
    | 'slaIntervalMs'
    | 'workingSetIntervalMs'
    | 'webRoot'
    | 'portalRoot'
    | 'tls'
    /** Default: silent. */
    | 'logger'
  >
> & { demo?: DemoOptions; storage?: TestStorage };

export async function startTestServer(engine: Engine, options: TestServerOptions = {}): Promise<TestServer> {
  const { storage: given, demo, ...rest } = options;
  const storage = given ?? (await testStorage(engine));
  const server = await startServer({
    ...storage.options,
    port: 0,
    logger: false,
    // Tests sign in and push far more often than people do; the limits' own tests set them low.
    loginAttemptsPerMinute: 1000,
    pushesPerMinute: 100_000,
    portalRepliesPerMinute: 100_000,
    ...rest,
    demo: demo ?? { tickets: 0 },
  });
  return {
    ...server,
    storage,
    async stop() {
      await server.close();
      if (!given) await storage.drop();
    },
  };
}

export interface Reply<T> {
  status: number;
  body: T;
}

export class Api {
  constructor(
    readonly url: string,
    readonly token?: string,
    readonly deviceId = 'test-device',
  ) {}

  static async login(url: string, email: string, password = PASSWORD): Promise<Api> {
    const reply = await new Api(url).post<LoginResponse>('/api/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`login ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return new Api(url, reply.body.token);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      'x-device-id': this.deviceId,
      ...extra,
    };
  }

  async get<T>(path: string): Promise<Reply<T>> {
    const response = await fetch(`${this.url}${path}`, { headers: this.headers() });
    return { status: response.status, body: (await readJson(response)) as T };
  }

  async post<T>(path: string, body: unknown): Promise<Reply<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await readJson(response)) as T };
  }

  pull<C extends SyncCollection>(collection: C, checkpoint?: number, limit?: number) {
    const query = new URLSearchParams();
    if (checkpoint !== undefined) query.set('checkpoint', String(checkpoint));
    if (limit !== undefined) query.set('limit', String(limit));
    return this.get<PullResponse<C>>(`/api/sync/${collection}/pull?${query}`);
  }

  /** Pulls page by page until a short page; returns every document in order and the final checkpoint. */
  async pullAll<C extends SyncCollection>(collection: C, from?: number, limit = 500) {
    const documents: PullResponse<C>['documents'] = [];
    let checkpoint = from;
    for (;;) {
      const reply = await this.pull(collection, checkpoint, limit);
      if (reply.status !== 200) throw new Error(`pull ${collection}: ${reply.status} ${JSON.stringify(reply.body)}`);
      documents.push(...reply.body.documents);
      checkpoint = reply.body.checkpoint?.seq ?? checkpoint;
      if (reply.body.documents.length < limit) return { documents, checkpoint };
    }
  }

  push<C extends SyncCollection>(collection: C, rows: PushRow<C>[]) {
    return this.post<PushResponse<C>>(`/api/sync/${collection}/push`, rows);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === '' ? null : JSON.parse(text);
}

let counter = 0;

/** A new ticket as a workstation would create it offline (server-owned fields as the client would leave them). */
export function newTicket(patch: Partial<Ticket> = {}): SyncDoc<'tickets'> {
  counter += 1;
  return {
    id: `t-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    number: null,
    type: 'incident',
    title: `Test ticket ${counter}`,
    description: 'Made by a test',
    requesterId: 'u-requester',
    status: 'new',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    queueId: 'q-service-desk',
    assigneeId: '',
    catalogItemId: '',
    category: '',
    tags: [],
    formData: {},
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    updatedAt: new Date().toISOString(),
    firstResponseAt: null,
    resolvedAt: null,
    sla: emptySla(''),
    slaDueAt: NO_DUE,
    slaWarnAt: NO_DUE,
    _deleted: false,
    ...patch,
  };
}

export function newComment(ticketId: string, authorId: string, patch: Partial<Comment> = {}): SyncDoc<'comments'> {
  counter += 1;
  return {
    id: `c-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    ticketId,
    authorId,
    body: `Comment ${counter}`,
    visibility: 'public',
    createdAt: new Date().toISOString(),
    _deleted: false,
    ...patch,
  };
}

/** Creates tickets through push as `api`; returns the masters as the server stored them (pulled back). */
export async function createTickets(api: Api, tickets: SyncDoc<'tickets'>[]): Promise<void> {
  for (let i = 0; i < tickets.length; i += 500) {
    const rows = tickets.slice(i, i + 500).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
    const reply = await api.push('tickets', rows);
    if (reply.status !== 200 || reply.body.conflicts.length > 0 || reply.body.rejected.length > 0) {
      throw new Error(`createTickets: ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
    }
  }
}

/**
 * Makes `deviceId` of `userId` look last in contact at `at` and silent since: tickets it creates offline may keep a
 * creation time from then on (server/sync/offline-span.ts). Use a device id no request of the test used yet: each
 * server process remembers its recent contacts for a minute.
 */
export async function lastInContact(
  server: Pick<RunningServer, 'db'>,
  userId: string,
  deviceId: string,
  at: string,
): Promise<void> {
  await server.db.query(
    'INSERT INTO device_contacts (user_id, device_id, last_seen_at, offline_from) VALUES ($1, $2, $3, $3)',
    [userId, deviceId, at],
  );
}

export const isTombstone = (doc: { _deleted: boolean }) => doc._deleted;
export const ids = (docs: { id: string }[]) => docs.map((doc) => doc.id);
