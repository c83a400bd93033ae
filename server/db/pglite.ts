import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { Database, Queryable, QueryOptions, QueryResult } from './database';
import { preparedQueries } from './pglite-prepared';

export interface PgliteDatabase extends Database {
  /** The whole cluster as a tarball, loadable with `snapshot` (tests start from a migrated template). */
  snapshot(): Promise<Blob>;
}

export interface PgliteOptions {
  /** Where the database lives; undefined means in memory (tests). */
  dataDir?: string;
  /** Start from this snapshot (`dumpDataDir` output) instead of an empty cluster: much faster than initdb. */
  snapshot?: Blob;
}

/**
 * Embedded PostgreSQL (PGlite): one in-process connection, so transactions run one at a time and notifications
 * reach only this process — which is all there is when the server runs embedded. A data directory is locked for
 * as long as it is open (data-dir-lock.ts): a second process refuses to open it.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const lock = options.dataDir === undefined ? null : lockDataDir(options.dataDir);
  const pg = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.snapshot === undefined ? {} : { loadDataDir: options.snapshot }),
    // Sequences are bigint; they stay far below 2^53, so a JS number is exact.
    parsers: { [types.INT8]: (value: string) => Number(value) },
  }).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  const prepared = preparedQueries(pg);
  // Outside a transaction `prepare` is ignored: a prepared run there would not hold PGlite's transaction lock.
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
      const result =
        options?.prepare && inTransaction
          ? await prepared<R>(sql, params ?? [])
          : await target.query<R>(sql, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      await target.exec(script);
    },
  });
  const root = wrap(pg, false);
  const locks = new Map<number, Promise<unknown>>();
  return {
    engine: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx, true))),
    listen: async (channel, onPayload) => {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    notify: async (channel, payload, tx) => {
      await (tx ?? root).query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    withLock: <T>(key: number, fn: () => Promise<T>): Promise<T> => {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      locks.set(
        key,
        run.catch(() => undefined),
      );
      return run;
    },
    notifyChannel: (channel) => channel,
    close: async () => {
      if (!pg.closed) await pg.close();
      lock?.release();
    },
    snapshot: () => pg.dumpDataDir('none'),
  };
}
