import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { saveUser } from '../../../server/admin/user-write';
import { saveReference } from '../../../server/admin/write';
import { buildServer } from '../../../server/app';
import { hashPassword } from '../../../server/auth/passwords';
import type { Database, Queryable } from '../../../server/db/database';
import { openTestDatabase, type TestStorage } from '../../../server/db/test-databases';
import { nextTicketNumber } from '../../../server/sync/push-tickets';
import type { ReferenceDocs } from '../../../server/sync/store';
import { REFERENCE_COLLECTIONS, type ReferenceCollection, TABLES } from '../../../server/sync/tables';
import { insertTicket } from '../../../server/ticket-writes/write';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import type { LoginResponse } from '../../../shared/server-api/auth';
import type { PushResponse, SyncCollection, SyncDoc } from '../../../shared/sync/protocol';
import { makeCalendar, makePolicy, makeQueue, makeUser } from '../../../shared/testing/fixtures';
import { DroppingProxy } from '../../sync/harness/dropping-proxy';
import { lossyDatabase } from '../../sync/harness/lossy-database';
import { moveWorkingSet } from '../../sync/harness/real-backend';
import { closeOpenStores } from './stores';

/**
 * The real sync server (server/app.ts over real HTTP on a loopback port, embedded PGlite) for the store's tests, in
 * place of an in-memory imitation of it: the store meets the real pull, push, scope and stream rules.
 *
 * `deskPerTest()` in a test file opens one PGlite database for the file (loading the migrated snapshot takes
 * seconds) and gives every test a fresh desk on it: the database reset to the migrated snapshot, the fixtures'
 * reference data (Service Desk queue, standard SLA policy, office calendar), a requester and a supervisor, and a new
 * server process state (sessions, caches, streams) listening on a port of its own.
 *
 * Tests write as the people around the workstation would, through the server's own write paths: `seed` as an
 * import would (numbers as given), `update` of a ticket as another desk (a supervisor's push over HTTP, so the push
 * rules apply), `update` of a user as an admin (admin/user-write.ts). What the server does not do on its own — the
 * network failing, answers lost — happens in a proxy at the network edge (`edge()`).
 */

/** Every test user signs in with it; hashed cheaply (verifying a hash costs what it cost to make). */
const PASSWORD = 'store-test-password';
const CHEAP = { N: 1024, r: 8, p: 1 };
const SEEDER = { actorId: 'system', deviceId: 'store-test-seed' };

export const REQUESTER = makeUser({
  id: 'u-requester',
  email: 'requester@demo.local',
  name: 'Rita Requester',
  role: 'requester',
  queueIds: [],
});
export const SUPERVISOR = makeUser({
  id: 'u-supervisor',
  email: 'supervisor@demo.local',
  name: 'Sam Supervisor',
  role: 'supervisor',
});

export interface AuditRow {
  userId: string;
  deviceId: string;
  entity: string;
  id: string;
}

export interface Desk {
  /** The server's own address (no proxy in between). */
  readonly url: string;
  /** Makes sure `user` exists as given (created, or changed as an admin would), and signs them in: a real token. */
  signIn(user: User): Promise<string>;
  /** Ends every session of the user, as the clock passing their expiry would. */
  expire(userId: string): Promise<void>;
  /** Writes documents as they are (tickets keep their numbers), each a change with its sequence and audit event. */
  seed<C extends 'tickets' | 'users' | ReferenceCollection>(collection: C, docs: object[]): Promise<void>;
  /** The server's current document, or undefined when it has none (or it was deleted). */
  get<C extends SyncCollection>(collection: C, id: string): Promise<SyncDoc<C> | undefined>;
  all<C extends SyncCollection>(collection: C): Promise<SyncDoc<C>[]>;
  /**
   * Changes a ticket as another desk would (a supervisor's push over HTTP; throws unless the server accepts it), or a
   * user as an admin would.
   */
  update(collection: 'tickets' | 'users', id: string, patch: Record<string, unknown>): Promise<void>;
  /** The audit log's latest event. */
  lastAudit(): Promise<AuditRow | undefined>;
  /** Runs `write`; the change notes it causes never reach the live streams (the server's LISTEN link was down). */
  loseNotes(write: () => Promise<void>): Promise<void>;
  /** The server's LISTEN side reports the gap in notifications, as it does when its connection comes back. */
  gap(): void;
  /** Moves the working set as days passing would ('now': every ticket done so far leaves it) or back ('all'). */
  moveWorkingSet(to: 'now' | 'all'): Promise<void>;
  /** A proxy in front of the server, for tests that need the network to fail (closed after the test). */
  edge(): Promise<DroppingProxy>;
}

/** Registers the hooks that give each test of the file a fresh desk; read it inside a test with `desk()`. */
export function deskPerTest(): () => Desk {
  let db: Database;
  let storage: TestStorage;
  let pristine: Pristine;
  let passwordHash: string;
  let current: Desk | null = null;
  let closeTest: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    ({ db, storage } = await openTestDatabase('pglite'));
    pristine = await capture(db);
    passwordHash = await hashPassword(PASSWORD, CHEAP);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });
  beforeEach(async () => {
    await restore(db, pristine);
    const started = await startDesk(db, passwordHash);
    current = started.desk;
    closeTest = started.close;
  });
  afterEach(async () => {
    await closeTest?.();
    current = null;
    closeTest = null;
  });
  return () => {
    if (!current) throw new Error('deskPerTest: no desk outside a test');
    return current;
  };
}

async function startDesk(db: Database, passwordHash: string): Promise<{ desk: Desk; close(): Promise<void> }> {
  // `loseNotes` and `gap` (lossy-database.ts, shared with test/sync's gap server).
  const lossy = lossyDatabase(db);
  const app: FastifyInstance = await buildServer({
    db: lossy.db,
    logger: false,
    loginAttemptsPerMinute: 100_000,
    pushesPerMinute: 100_000,
    // No SLA runs: the fixtures' tickets are old and would be escalated under the tests' feet. Nor working-set runs:
    // the fixtures' done tickets are older than the default 30 days; a test moves the working set itself.
    slaIntervalMs: 0,
    workingSetIntervalMs: 0,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const proxies: DroppingProxy[] = [];

  const login = async (email: string): Promise<LoginResponse> => {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    return (await response.json()) as LoginResponse;
  };

  const getDoc = async <C extends SyncCollection>(collection: C, id: string, tx: Queryable = db) => {
    const result = await tx.query<{ doc: SyncDoc<C> }>(
      `SELECT doc FROM ${TABLES[collection]} WHERE id = $1 AND NOT deleted`,
      [id],
    );
    return result.rows[0]?.doc;
  };

  async function saveUsers(users: User[]): Promise<void> {
    for (const user of users) {
      const { id, updatedAt: _, ...fields } = user;
      const exists = (await getDoc('users', id)) !== undefined;
      await saveUser(db, { id, creating: !exists, fields }, SEEDER);
      if (!exists) await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
    }
  }

  let supervisorToken: string | null = null;

  const desk: Desk = {
    url,
    async signIn(user) {
      const stored = await getDoc('users', user.id);
      const { updatedAt: _a, ...given } = user;
      const { updatedAt: _b, ...had } = stored ?? ({} as Partial<User>);
      if (JSON.stringify(given) !== JSON.stringify(had)) await saveUsers([user]);
      return (await login(user.email)).token;
    },
    async expire(userId) {
      await db.query('UPDATE sessions SET expires_at = $1 WHERE user_id = $2', [
        new Date(Date.now() - 60_000).toISOString(),
        userId,
      ]);
    },
    async seed(collection, docs) {
      if (collection === 'users') return saveUsers(docs as User[]);
      if (collection === 'tickets') {
        for (const ticket of docs as Ticket[]) {
          await db.transaction(async (tx) => {
            const number = ticket.number ?? (await nextTicketNumber(tx));
            await insertTicket(db, tx, { ...ticket, number }, SEEDER);
          });
        }
        return;
      }
      const reference = collection as ReferenceCollection;
      if (!REFERENCE_COLLECTIONS.includes(reference)) throw new Error(`cannot seed ${collection}`);
      for (const doc of docs as ReferenceDocs[typeof reference][]) {
        await db.transaction(async (tx) => {
          const before = (await getDoc(reference, doc.id, tx)) ?? null;
          await saveReference(db, tx, reference, ENTITY[reference], before, doc, SEEDER);
        });
      }
    },
    get: (collection, id) => getDoc(collection, id),
    async all(collection) {
      const result = await db.query<{ doc: SyncDoc<typeof collection> }>(
        `SELECT doc FROM ${TABLES[collection]} WHERE NOT deleted ORDER BY seq`,
      );
      return result.rows.map((row) => row.doc);
    },
    async update(collection, id, patch) {
      if (collection === 'users') {
        const user = await getDoc('users', id);
        if (!user) throw new Error(`no user ${id}`);
        return saveUsers([{ ...user, ...patch } as User]);
      }
      const master = await getDoc('tickets', id);
      if (!master) throw new Error(`no ticket ${id}`);
      supervisorToken ??= (await login(SUPERVISOR.email)).token;
      const response = await fetch(`${url}/api/sync/tickets/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${supervisorToken}`,
          'x-device-id': 'another-desk',
        },
        body: JSON.stringify([
          {
            assumedMasterState: { ...master, _deleted: false },
            newDocumentState: { ...master, ...patch, _deleted: false },
          },
        ]),
      });
      const reply = (await response.json()) as PushResponse;
      if (!response.ok || reply.conflicts.length > 0 || reply.rejected.length > 0)
        throw new Error(`the server refused the change of ${id}: ${JSON.stringify(reply)}`);
    },
    async moveWorkingSet(to) {
      await moveWorkingSet(db, to);
    },
    async lastAudit() {
      const result = await db.query<{ actor_id: string; device_id: string; entity: string; entity_id: string }>(
        'SELECT actor_id, device_id, entity, entity_id FROM audit_events ORDER BY seq DESC, id DESC LIMIT 1',
      );
      const row = result.rows[0];
      return row && { userId: row.actor_id, deviceId: row.device_id, entity: row.entity, id: row.entity_id };
    },
    loseNotes: lossy.loseNotes,
    gap: lossy.reportGap,
    async edge() {
      const proxy = new DroppingProxy(() => url);
      await proxy.listen();
      proxies.push(proxy);
      return proxy;
    },
  };

  await desk.seed('calendars', [makeCalendar()]);
  await desk.seed('sla_policies', [makePolicy()]);
  await desk.seed('queues', [makeQueue()]);
  await desk.seed('users', [REQUESTER, SUPERVISOR]);

  return {
    desk,
    async close() {
      // The test's workstations close first, while the server still answers them.
      await closeOpenStores();
      for (const proxy of proxies.splice(0)) await proxy.close();
      // Nothing of the test talks to the server any more: its clients' kept-alive connections would otherwise hold
      // the close until they time out (seconds).
      app.server.closeAllConnections();
      await app.close();
    },
  };
}

const ENTITY = {
  queues: 'queue',
  sla_policies: 'sla_policy',
  calendars: 'calendar',
  catalog: 'catalog',
} as const satisfies Record<ReferenceCollection, string>;

/** The migrated database as the snapshot holds it: every table's rows (a few singletons) and every sequence. */
interface Pristine {
  tables: { name: string; rows: string }[];
  sequences: { name: string; value: string | null }[];
}

async function capture(db: Database): Promise<Pristine> {
  const names = await db.query<{ tablename: string }>(
    'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  );
  const tables = [];
  for (const { tablename } of names.rows) {
    const rows = await db.query<{ rows: unknown }>(
      `SELECT coalesce(json_agg(t), '[]')::text AS rows FROM "${tablename}" t`,
    );
    tables.push({ name: tablename, rows: String(rows.rows[0]?.rows ?? '[]') });
  }
  const sequences = await db.query<{ sequencename: string; last_value: string | null }>(
    'SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = current_schema()',
  );
  return { tables, sequences: sequences.rows.map((s) => ({ name: s.sequencename, value: s.last_value })) };
}

/** Puts the database back as `capture` found it: what one test wrote never reaches the next. */
async function restore(db: Database, pristine: Pristine): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`TRUNCATE ${pristine.tables.map((t) => `"${t.name}"`).join(', ')} CASCADE`);
    for (const table of pristine.tables) {
      if (table.rows === '[]') continue;
      await tx.query(
        `INSERT INTO "${table.name}" SELECT * FROM json_populate_recordset(null::"${table.name}", $1::json)`,
        [table.rows],
      );
    }
    for (const sequence of pristine.sequences) {
      if (sequence.value === null) await tx.query(`ALTER SEQUENCE "${sequence.name}" RESTART`);
      else await tx.query('SELECT setval($1::regclass, $2::bigint, true)', [`"${sequence.name}"`, sequence.value]);
    }
  });
}
