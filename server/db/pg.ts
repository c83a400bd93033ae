import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable, QueryOptions, QueryResult } from './database';

export interface PgOptions {
  connectionString: string;
  /** Work in this schema (created if missing): tests give every run its own, so runs never collide. */
  schema?: string;
  poolSize?: number;
  waits?: Partial<PgWaits>;
  onError?: (error: Error) => void;
}

/**
 * How long any one connection may hold up the others (issue: one paused process stopped every write on every
 * process, its connection idle in a transaction holding the change-sequence row lock, before migration 012). A request that waits longer
 * fails as retryable (503) having written nothing; a connection idle in a transaction longer is ended by PostgreSQL,
 * which rolls it back and frees its locks; TCP keepalives find a peer that vanished in seconds, not hours.
 */
export interface PgWaits {
  lockTimeoutMs: number;
  idleInTransactionMs: number;
  statementTimeoutMs: number;
  keepAliveMs: number;
}

export const DEFAULT_PG_WAITS: PgWaits = {
  lockTimeoutMs: 3_000,
  idleInTransactionMs: 4_000,
  statementTimeoutMs: 60_000,
  keepAliveMs: 10_000,
};

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const LISTEN_RETRY_MS = 1000;

/** pg prepares a named statement once per connection; the name stands for exactly one SQL text. */
const statementName = (sql: string) => `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

async function run<R>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[] | undefined,
  options: QueryOptions | undefined,
): Promise<QueryResult<R>> {
  const values = params ? [...params] : [];
  const result = await target.query(
    options?.prepare ? { name: statementName(sql), text: sql, values } : { text: sql, values },
  );
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
}

/** Sequences are bigint; they stay far below 2^53, so a JS number is exact. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL through a `pg` pool, plus one dedicated connection for LISTEN (a pooled connection cannot hold a
 * LISTEN). Channels are suffixed with the schema (outside `public`) so runs in different schemas of one database stay
 * apart.
 */
export async function openPostgres(options: PgOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const waits = { ...DEFAULT_PG_WAITS, ...options.waits };
  const connection = {
    connectionString: options.connectionString,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    // Startup parameters of every connection, apart from `options` (which the URL or PGOPTIONS may set).
    lock_timeout: waits.lockTimeoutMs,
    idle_in_transaction_session_timeout: waits.idleInTransactionMs,
    statement_timeout: waits.statementTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: waits.keepAliveMs,
  };
  if (schema !== undefined) {
    const admin = new pg.Client(connection);
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  pool.on('error', (error) => options.onError?.(error));
  // Channels carry the schema's name outside `public`, as the session triggers name theirs (migration 004).
  const current = await pool.query<{ name: string }>('SELECT current_schema() AS name').catch(async (error) => {
    await pool.end();
    throw error;
  });
  const schemaName = current.rows[0]?.name ?? 'public';
  const scoped = (channel: string) => (schemaName === 'public' ? channel : `${channel}_${schemaName}`);
  const listener = new Listener(connection, options);

  const query = <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) =>
    run<R>(pool, sql, params, options);
  const exec = async (script: string) => {
    await pool.query(script);
  };

  return {
    engine: 'postgres',
    query,
    exec,
    async transaction(fn) {
      const client = await checkOut(pool);
      const tx: Queryable = {
        query: (sql, params, options) => run(client, sql, params, options),
        // A text without values goes through the simple query protocol, which takes several statements.
        exec: async (script) => {
          await client.query(script);
        },
      };
      let broken = false;
      try {
        await client.query('BEGIN');
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async withLock(key, fn) {
      const client = await checkOut(pool);
      let broken = false;
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {
            // A connection that cannot unlock must not go back to the pool still holding the lock.
            broken = true;
          });
        }
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, onPayload, onGap) => listener.listen(scoped(channel), onPayload, onGap),
    async notify(channel, payload, tx) {
      await (tx ?? { query }).query('SELECT pg_notify($1, $2)', [scoped(channel), payload]);
    },
    notifyChannel: scoped,
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * A pooled connection for a transaction or a lock. pg-pool listens for errors only on idle connections: one that
 * PostgreSQL ends while it is checked out (idle in a transaction too long, see PgWaits) would emit an error nobody
 * hears, which ends the process. Heard here, the next query on it fails instead, and `release` drops it.
 */
async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  const ignore = () => undefined;
  client.on('error', ignore);
  const release = client.release;
  client.release = (error?: Error | boolean) => {
    client.removeListener('error', ignore);
    release(error);
  };
  return client;
}

interface Handler {
  onPayload: (payload: string) => void;
  onGap: (() => void) | undefined;
}

/** One LISTEN connection, reconnected after errors; every channel is listened to again on reconnect. */
class Listener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly options: PgOptions,
  ) {}

  async listen(channel: string, onPayload: Handler['onPayload'], onGap?: () => void): Promise<() => Promise<void>> {
    const handler: Handler = { onPayload, onGap };
    const client = await this.connect();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        if (this.client && !this.closed) await this.client.query(`UNLISTEN ${this.client.escapeIdentifier(channel)}`);
      }
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler.onPayload(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.options.onError?.(error);
      this.dropAndReconnect(client);
    });
    client.on('end', () => this.dropAndReconnect(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    this.client = client;
    return client;
  }

  private dropAndReconnect(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    client.end().catch(() => undefined);
    const attempt = () => {
      this.retry = null;
      if (this.closed) return;
      this.connect().then(
        () => {
          for (const set of this.handlers.values()) for (const handler of set) handler.onGap?.();
        },
        () => {
          this.retry = setTimeout(attempt, LISTEN_RETRY_MS);
        },
      );
    };
    this.retry = setTimeout(attempt, LISTEN_RETRY_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
