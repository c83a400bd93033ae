/**
 * Leases of live streams in the database (table `stream_leases`, migration 010), so that the cap on streams per
 * session holds across every server process on one database, not only within each:
 *
 * - Opening a stream takes its session's lock (a transaction-scoped advisory lock), adds the stream's row and gives
 *   up the rows beyond the cap, oldest first (rows are numbered in the order they were added, under that lock). A
 *   NOTIFY on `itsm_stream_evictions`, sent only if that transaction commits, names the streams given up; every
 *   process ends those it holds (with PGlite the same path runs in-process).
 * - A stream that ends gives up its row; a process that shuts down gives up all of its rows.
 * - A process that dies cannot: each process marks its rows as seen every `REFRESH_MS`, and rows not seen for three
 *   times that are dropped, so a crashed process's streams stop counting within a minute and a half.
 *
 * The table is UNLOGGED, like rate_limits: a database crash forgets the leases (and ends the connections anyway).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';

export const EVICTIONS_CHANNEL = 'itsm_stream_evictions';
export const REFRESH_MS = 30_000;
const STALE_MS = 3 * REFRESH_MS;

export interface LeaseLog {
  warn(details: object, message: string): void;
}

export class StreamLeases {
  /** This process's name in the table. */
  readonly processId = randomUUID();
  private refresher: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly maxPerSession: number,
    private readonly log: LeaseLog,
  ) {}

  /** Calls `onEvicted` with the ids of streams given up by any process; resolves once listening. */
  async start(onEvicted: (streamIds: string[]) => void): Promise<void> {
    this.unlisten = await this.db.listen(EVICTIONS_CHANNEL, (payload) => {
      const ids = parseIds(payload);
      if (ids) onEvicted(ids);
    });
    this.refresher = setInterval(() => {
      this.refresh().catch((error: unknown) => this.log.warn({ err: error }, 'could not refresh stream leases'));
    }, REFRESH_MS);
    this.refresher.unref();
  }

  /**
   * Records stream `streamId` of the session `tokenHash`; returns the ids of the session's streams given up to stay
   * within the cap (on any process), which the notification ends where they are.
   */
  open(tokenHash: string, streamId: string): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stream-leases:${tokenHash}`]);
      await tx.query(
        `DELETE FROM stream_leases WHERE token_hash = $1 AND seen_at < now() - $2 * interval '1 millisecond'`,
        [tokenHash, STALE_MS],
      );
      await tx.query('INSERT INTO stream_leases (stream_id, token_hash, process_id) VALUES ($1, $2, $3)', [
        streamId,
        tokenHash,
        this.processId,
      ]);
      const evicted = await tx.query<{ stream_id: string }>(
        `DELETE FROM stream_leases WHERE stream_id IN
           (SELECT stream_id FROM stream_leases WHERE token_hash = $1 ORDER BY n DESC OFFSET $2)
         RETURNING stream_id`,
        [tokenHash, this.maxPerSession],
      );
      const ids = evicted.rows.map((row) => row.stream_id);
      if (ids.length > 0) await this.db.notify(EVICTIONS_CHANNEL, JSON.stringify(ids), tx);
      return ids;
    });
  }

  /** Gives up the lease of a stream that ended. */
  async close(streamId: string): Promise<void> {
    await this.db.query('DELETE FROM stream_leases WHERE stream_id = $1', [streamId]);
  }

  /** Stops listening and refreshing, and gives up every lease of this process. */
  async stop(): Promise<void> {
    if (this.refresher) clearInterval(this.refresher);
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    await this.db.query('DELETE FROM stream_leases WHERE process_id = $1', [this.processId]);
  }

  /** Marks this process's leases as seen, and drops those of processes that stopped doing so. */
  private async refresh(): Promise<void> {
    await this.db.query('UPDATE stream_leases SET seen_at = now() WHERE process_id = $1', [this.processId]);
    await this.db.query(`DELETE FROM stream_leases WHERE seen_at < now() - $1 * interval '1 millisecond'`, [STALE_MS]);
  }
}

function parseIds(payload: string): string[] | null {
  try {
    const value: unknown = JSON.parse(payload);
    return Array.isArray(value) && value.every((id) => typeof id === 'string') ? value : null;
  } catch {
    return null;
  }
}
