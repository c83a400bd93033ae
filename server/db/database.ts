/**
 * The one storage interface the server uses, with two implementations: PostgreSQL through `pg` (pg.ts) and embedded
 * PGlite (pglite.ts). Both run the same SQL. Parameters are always bound ($1, $2, …), never spliced into SQL text.
 */

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * A hot statement (push's lock and write): prepared once per connection under a name and run from then on
   * without being parsed and planned again. For fixed SQL texts only; each distinct text is kept for good.
   */
  prepare?: boolean;
}

export interface Queryable {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>;
  /**
   * Runs a script of several statements as written (a migration file): no parameters, no results. PostgreSQL parses
   * it whole, so a function body, a string or a comment may hold semicolons and span lines. (pg: the simple query
   * protocol; PGlite: `exec`.)
   */
  exec(script: string): Promise<void>;
}

export type Engine = 'postgres' | 'pglite';

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every notification on `channel` (after the notifying transaction commits), from this and
   * every other process on the same database. Resolves once listening; the returned function stops listening.
   * `onGap` is called when notifications may have been lost (the listening connection dropped and came back).
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  /** Sends a notification; inside a transaction (`tx`) it is delivered only if and when that transaction commits. */
  notify(channel: string, payload: string, tx?: Queryable): Promise<void>;
  /**
   * Runs `fn` while holding the lock `key`, which every process on this database shares: another caller of the same
   * key, here or in another process, waits until `fn` has finished. `fn` may run several transactions. (PostgreSQL:
   * a session advisory lock on a connection of its own; PGlite: one process per data directory, so a queue in it.)
   */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** The name `pg_notify` takes for `channel`, for SQL that sends its notifications itself. */
  notifyChannel(channel: string): string;
  close(): Promise<void>;
}

/** PostgreSQL's error code for a unique-constraint violation (a concurrent insert of the same key). */
export const UNIQUE_VIOLATION = '23505';

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
