/**
 * Sessions read once and remembered, so an authenticated request costs no database round trip (one of the five or
 * six a push costs; bench/README.md, server push).
 *
 * A remembered session must not outlive a change to it. Triggers (migration 004) notify every server process of any
 * change to a session (sign-out, expiry, deletion) or to a user (role, queues, deactivation, which also revokes their
 * sessions), however it is made, and each process forgets what the change touched. This process forgets at once what
 * it changes itself (sign-out, user edits); others when the notification arrives, right after the commit. When
 * notifications may have been lost (the listening connection dropped), everything is forgotten. Expiry is checked
 * against the clock on every use, and an entry is read again after MAX_AGE_MS whatever happens.
 */
import type { User } from '../../shared/domain/user';
import type { Database } from '../db/database';
import { judgeSession, readSession, revokeSession, type SessionLookup, type SessionRow } from './sessions';
import { hashToken } from './tokens';

export const SESSIONS_CHANNEL = 'itsm_sessions';
const MAX_AGE_MS = 30_000;
/** Far more than the tokens in use at a desk; beyond it the oldest are read again when next used. */
const MAX_ENTRIES = 10_000;

interface Entry {
  row: SessionRow | null;
  userId: string | null;
  readAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private stop: (() => Promise<void>) | null = null;
  /** Counts forgettings, so a read that overlapped one is not remembered. */
  private forgettings = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: () => number = Date.now,
  ) {}

  async start(): Promise<void> {
    this.stop = await this.db.listen(
      SESSIONS_CHANNEL,
      (payload) => {
        if (payload.startsWith('t:')) this.forgetToken(payload.slice(2));
        else if (payload.startsWith('u:')) this.forgetUser(payload.slice(2));
      },
      () => this.forgetAll(),
    );
  }

  async find(token: string): Promise<SessionLookup> {
    const tokenHash = hashToken(token);
    const now = this.clock();
    let entry = this.entries.get(tokenHash);
    if (!entry || now - entry.readAt >= MAX_AGE_MS) {
      const forgotten = this.forgettings;
      const row = await readSession(this.db, tokenHash);
      entry = { row, userId: row?.doc.id ?? null, readAt: now };
      // A change heard while reading may postdate what was read: answer with it, but do not remember it.
      if (forgotten === this.forgettings) this.remember(tokenHash, entry);
    }
    return judgeSession(entry.row, tokenHash, new Date(now));
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
  }

  private forgetToken(tokenHash: string): void {
    this.forgettings += 1;
    this.entries.delete(tokenHash);
  }

  private forgetAll(): void {
    this.forgettings += 1;
    this.entries.clear();
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
    this.forgetAll();
  }
}
