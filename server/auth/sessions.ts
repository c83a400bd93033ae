import type { User } from '../../shared/domain/user';
import type { Queryable } from '../db/database';
import { newToken } from './tokens';

const SESSION_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

export interface Session {
  user: User;
  tokenHash: string;
  expiresAt: Date;
  /** When the session ends unless it is used again: its expiry, or sooner after `idleMs` without a request. */
  endsAt: Date;
}

export type SessionFailure = 'unknown' | 'expired' | 'idle' | 'revoked' | 'inactive';

export type SessionLookup = { ok: true; session: Session } | { ok: false; reason: SessionFailure };

export async function createSession(
  db: Queryable,
  userId: string,
  deviceId: string,
  ttlMs: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Dropping the user's long-expired sessions here keeps the table small without a sweeper (a week's grace so a
  // device that was away still hears "expired" rather than "not valid").
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2', [
    userId,
    new Date(now.getTime() - SESSION_GRACE_MS).toISOString(),
  ]);
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, device_id, created_at, expires_at, last_used_at)
     VALUES ($1, $2, $3, $4, $5, $4)`,
    [hash, userId, deviceId, now.toISOString(), expiresAt.toISOString()],
  );
  return { token, expiresAt };
}

/** A session as stored, with its user; null for a token that was never issued. */
export interface SessionRow {
  doc: User;
  active: boolean;
  expires_at: Date;
  revoked_at: Date | null;
  /** The last request with it that was recorded (server/auth/session-activity.ts writes them in batches). */
  last_used_at: Date;
}

export async function readSession(db: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const result = await db.query<SessionRow>(
    `SELECT u.doc, u.active, s.expires_at, s.revoked_at, s.last_used_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND NOT u.deleted`,
    [tokenHash],
  );
  return result.rows[0] ?? null;
}

/**
 * Whether a stored session lets its bearer in at `now`, and if not, why. `usedAt` is its last use as known here
 * (at least the stored one); `idleMs` ends a session that long unused.
 */
export function judgeSession(
  row: SessionRow | null,
  tokenHash: string,
  now: number,
  idleMs: number,
  usedAt = 0,
): SessionLookup {
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  const expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() <= now) return { ok: false, reason: 'expired' };
  const idleEnd = Math.max(new Date(row.last_used_at).getTime(), usedAt) + idleMs;
  if (idleEnd <= now) return { ok: false, reason: 'idle' };
  if (!row.active) return { ok: false, reason: 'inactive' };
  const endsAt = new Date(Math.min(expiresAt.getTime(), idleEnd));
  return { ok: true, session: { user: row.doc, tokenHash, expiresAt, endsAt } };
}

export async function revokeSession(db: Queryable, tokenHash: string, now = new Date()): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash,
    now.toISOString(),
  ]);
}

export const SESSION_FAILURE_MESSAGES: Record<SessionFailure, string> = {
  unknown: 'This session token is not valid: sign in again',
  expired: 'Your session has expired: sign in again',
  idle: 'Your session ended after a long time without use: sign in again',
  revoked: 'This session was signed out: sign in again',
  inactive: 'Your account is disabled: ask an administrator',
};
