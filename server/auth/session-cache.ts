/**
 * Sessions read once and remembered, so an authenticated request costs no database round trip (one of the five or
 * six a push costs; bench/README.md, server push).
 *
 * A remembered session must not outlive a change to it. Triggers (migration 004) notify every server process of any
 * change to a session (sign-out, expiry, deletion) or to a user (role, queues, deactivation, which also revokes their
 * sessions), however it is made, and each process forgets what the change touched. This process forgets at once what
 * it changes itself (sign-out, user edits); others when the notification arrives, right after the commit. When
 * notifications may have been lost (the listening connection dropped), everything is forgotten. Expiry is checked
 * against the clock on every use, and an entry is read again after MAX_AGE_MS whatever happens. Whoever needs to act
 * on a change (the live streams) hears of each forgetting through `onChange`.
 *
 * A session also ends after `idleMs` without a request. Uses are noted here and written in batches
 * (session-activity.ts); a session that looks idle from here is read again before it is refused, since it may have
 * been used through another process.
 */
import type { User } from '../../shared/domain/user';
import type { Database } from '../db/database';
import { type ActivityLog, SessionActivity } from './session-activity';
import { judgeSession, readSession, revokeSession, type SessionLookup, type SessionRow } from './sessions';
import { hashToken } from './tokens';

export const SESSIONS_CHANNEL = 'itsm_sessions';
const MAX_AGE_MS = 30_000;
/** Far more than the tokens in use at a desk; beyond it the oldest are read again when next used. */
const MAX_ENTRIES = 10_000;
/** How often uses are written: a small fraction of the idle timeout, at most once a minute. */
const MAX_FLUSH_MS = 60_000;

export const DEFAULT_IDLE_MS = 8 * 60 * 60 * 1000;

/** What changed: one session, every session of one user, or possibly anything (notifications were lost). */
export type SessionChange = { tokenHash: string } | { userId: User['id'] } | 'all';

interface Entry {
  row: SessionRow | null;
  userId: string | null;
  readAt: number;
  /** The last use this process saw (the stored one may be older until the next flush). */
  usedAt: number;
}

export interface SessionCacheOptions {
  idleMs?: number;
  clock?: () => number;
  log?: ActivityLog;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private readonly activity: SessionActivity;
  private readonly idleMs: number;
  private readonly clock: () => number;
  private stop: (() => Promise<void>) | null = null;
  /** Counts forgettings, so a read that overlapped one is not remembered. */
  private forgettings = 0;

  constructor(
    private readonly db: Database,
    options: SessionCacheOptions = {},
  ) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.clock = options.clock ?? Date.now;
    const flushMs = Math.max(50, Math.min(MAX_FLUSH_MS, Math.floor(this.idleMs / 20)));
    this.activity = new SessionActivity(db, flushMs, options.log ?? { warn: () => undefined });
  }

  async start(): Promise<void> {
    this.stop = await this.db.listen(
      SESSIONS_CHANNEL,
      (payload) => {
        if (payload.startsWith('t:')) this.forgetToken(payload.slice(2));
        else if (payload.startsWith('u:')) this.forgetUser(payload.slice(2));
      },
      () => this.forgetAll(),
    );
    this.activity.start();
  }

  /** Checks a presented token and, when it lets its bearer in, counts this as a use. */
  async find(token: string): Promise<SessionLookup> {
    const tokenHash = hashToken(token);
    const now = this.clock();
    let entry = this.entries.get(tokenHash);
    if (!entry || now - entry.readAt >= MAX_AGE_MS) entry = await this.read(tokenHash, now);
    let lookup = judgeSession(entry.row, tokenHash, now, this.idleMs, entry.usedAt);
    // Idle as far as this process knows: it may have been used through another one since it was read.
    if (!lookup.ok && lookup.reason === 'idle' && entry.readAt < now) {
      entry = await this.read(tokenHash, now);
      lookup = judgeSession(entry.row, tokenHash, now, this.idleMs, entry.usedAt);
    }
    if (!lookup.ok) return lookup;
    entry.usedAt = now;
    this.activity.touch(tokenHash, now);
    const { session } = lookup;
    return {
      ok: true,
      session: { ...session, endsAt: new Date(Math.min(session.expiresAt.getTime(), now + this.idleMs)) },
    };
  }

  /** Reads a session again from the database and judges it now, without counting a use (a live stream's check). */
  async check(tokenHash: string): Promise<SessionLookup> {
    const now = this.clock();
    const entry = await this.read(tokenHash, now);
    return judgeSession(entry.row, tokenHash, now, this.idleMs, entry.usedAt);
  }

  /** Calls `listener` after every forgetting; returns the function that stops it. */
  onChange(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether this process still remembers the session (it forgets on every change to it). */
  remembers(tokenHash: string): boolean {
    return this.entries.has(tokenHash);
  }

  /** Signs a session out: revoked in the database (every process hears of it), forgotten here at once. */
  async revoke(tokenHash: string): Promise<void> {
    await revokeSession(this.db, tokenHash);
    this.forgetToken(tokenHash);
  }

  /** Forgets one user's sessions now (this process), after a change to the user committed. */
  forgetUser(userId: User['id']): void {
    this.forgettings += 1;
    for (const [tokenHash, entry] of this.entries) if (entry.userId === userId) this.entries.delete(tokenHash);
    this.changed({ userId });
  }

  private async read(tokenHash: string, now: number): Promise<Entry> {
    const forgotten = this.forgettings;
    const usedAt = Math.max(this.entries.get(tokenHash)?.usedAt ?? 0, this.activity.noted(tokenHash));
    const row = await readSession(this.db, tokenHash);
    const entry: Entry = { row, userId: row?.doc.id ?? null, readAt: now, usedAt };
    // A change heard while reading may postdate what was read: answer with it, but do not remember it.
    if (forgotten === this.forgettings) this.remember(tokenHash, entry);
    return entry;
  }

  private forgetToken(tokenHash: string): void {
    this.forgettings += 1;
    this.entries.delete(tokenHash);
    this.changed({ tokenHash });
  }

  private forgetAll(): void {
    this.forgettings += 1;
    this.entries.clear();
    this.changed('all');
  }

  private changed(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private remember(tokenHash: string, entry: Entry): void {
    // Re-inserted, so the map's order is oldest read first.
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  async close(): Promise<void> {
    await this.stop?.().catch(() => undefined);
    this.stop = null;
    await this.activity.stop();
    this.entries.clear();
    this.listeners.clear();
  }
}
