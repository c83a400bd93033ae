/**
 * @fastify/rate-limit's counters in the database (PostgreSQL or PGlite), so every server process on it counts the
 * same hits: one row per key with its hits in the current window and when the window ends, one upsert per counted
 * request, judged by the database's clock. With `exponentialBackoff`, every hit past the limit restarts the wait at
 * twice the window per hit over (1, 2, 4, … windows), capped at `maxBackoffMs`. Rows whose window has ended are
 * deleted by `sweepRateLimits`, so the table holds only keys seen in the last window (or still backing off).
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Queryable } from '../db/database';

export interface Hits {
  /** Hits in the current window, this one included. */
  current: number;
  /** Milliseconds until the window (or back-off) ends. */
  ttl: number;
}

/** Counts one hit on `key`: a new window when the last one ended, else one more (and a longer wait when backing off). */
export async function countHit(
  db: Queryable,
  key: string,
  windowMs: number,
  max: number,
  backoff: false | { maxBackoffMs: number },
): Promise<Hits> {
  const result = await db.query<{ hits: number; ttl: string }>(
    `INSERT INTO rate_limits AS r (key, hits, resets_at)
     VALUES ($1, 1, now() + $2 * interval '1 millisecond')
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN r.resets_at <= now() THEN 1 ELSE r.hits + 1 END,
       resets_at = CASE
         WHEN r.resets_at <= now() THEN now() + $2 * interval '1 millisecond'
         WHEN $4::boolean AND r.hits + 1 > $3
           THEN now() + least($2 * power(2, least(r.hits - $3, 40)), $5) * interval '1 millisecond'
         ELSE r.resets_at END
     RETURNING hits, ceil(extract(epoch FROM r.resets_at - now()) * 1000) AS ttl`,
    [key, windowMs, max, backoff !== false, backoff === false ? windowMs : backoff.maxBackoffMs],
  );
  const row = result.rows[0];
  if (!row) throw new Error('rate limit: the upsert returned no row');
  return { current: row.hits, ttl: Math.max(0, Number(row.ttl)) };
}

/** Deletes the counters whose window (and back-off) has ended; returns how many. */
export async function sweepRateLimits(db: Queryable): Promise<number> {
  return (await db.query('DELETE FROM rate_limits WHERE resets_at <= now()')).rowCount;
}

/** The store class @fastify/rate-limit instantiates: each limiter (route or `createRateLimit`) gets a child. */
export function databaseRateLimitStore(db: Queryable, maxBackoffMs: number): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly backoff: boolean;

    constructor(options: { exponentialBackoff?: boolean }) {
      this.backoff = options.exponentialBackoff === true;
    }

    incr(key: string, callback: (error: Error | null, result?: Hits) => void, windowMs: number, max: number): void {
      countHit(db, key, windowMs, max, this.backoff && { maxBackoffMs }).then(
        (hits) => callback(null, hits),
        (error: Error) => callback(error),
      );
    }

    child(options: object): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(options);
    }
  }
  return DatabaseRateLimitStore;
}
