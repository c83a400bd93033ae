/**
 * Each session's last request, written in batches: requests only note the time in memory, and one UPDATE every
 * `flushMs` records every session used since (never moving a stored time backwards), so activity costs no database
 * write per request. Other server processes therefore see a session's use up to `flushMs` late; the idle timeout
 * is hours, the flush interval a small fraction of it.
 */
import type { Queryable } from '../db/database';

export interface ActivityLog {
  warn(details: object, message: string): void;
}

export class SessionActivity {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Queryable,
    private readonly flushMs: number,
    private readonly log: ActivityLog,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  touch(tokenHash: string, at: number): void {
    this.pending.set(tokenHash, Math.max(at, this.pending.get(tokenHash) ?? 0));
  }

  /** The last use noted and not yet written (0 if none). */
  noted(tokenHash: string): number {
    return this.pending.get(tokenHash) ?? 0;
  }

  /** Writes what was noted since the last flush; a failed write is kept and tried again with the next one. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.db.query(
          `UPDATE sessions AS s SET last_used_at = v.used_at
             FROM unnest($1::text[], $2::timestamptz[]) AS v (token_hash, used_at)
            WHERE s.token_hash = v.token_hash AND s.last_used_at < v.used_at`,
          [[...batch.keys()], [...batch.values()].map((at) => new Date(at).toISOString())],
        );
      } catch (error) {
        this.log.warn({ err: error, sessions: batch.size }, 'could not record session activity; retrying later');
        for (const [tokenHash, at] of batch) this.touch(tokenHash, at);
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
