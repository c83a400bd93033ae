/**
 * Writing a user, for the admin API (users.ts) and the admin command line (cli/admin.ts) alike: one transaction
 * with the row, its change sequence, an audit event (a new password shows as "password: set", never a hash) and a
 * change note. A new password or a deactivation revokes the user's sessions in the same transaction; the session
 * triggers (migration 004) make every server process forget them. The desk always keeps an active admin.
 */
import type { User } from '../../shared/domain/user';
import { hashPassword } from '../auth/passwords';
import type { Database, Queryable } from '../db/database';
import { HttpError, notFound } from '../http/errors';
import { fieldChanges, writeAudit } from '../sync/audit';
import { publishChange } from '../sync/changes';
import { allocateSeqs } from '../sync/seq';
import { writeUsers } from '../sync/store';
import { lockStranded, unassignStranded } from '../ticket-writes/unassign';
import { refuseIssues } from './reference-routes';
import { missing } from './references';
import { audit, type Writer } from './write';

export interface UserChange {
  id: string;
  creating: boolean;
  /** The user's public fields, already validated (UserInputSchema). */
  fields: Omit<User, 'id' | 'updatedAt'>;
  /** A new password in clear, hashed here; absent keeps the current one. */
  password?: string | undefined;
}

export interface SavedUser {
  user: User;
  /** Whether the user's sessions were ended (a new password, or deactivated). */
  signedOut: boolean;
  /** How many of their active tickets were unassigned because the change took those tickets' queues from them. */
  unassignedTickets: number;
}

export async function findUser(tx: Queryable, id: string): Promise<{ doc: User; passwordHash: string } | null> {
  const result = await tx.query<{ doc: User; password_hash: string }>(
    'SELECT doc, password_hash FROM users WHERE id = $1 AND NOT deleted FOR UPDATE',
    [id],
  );
  const row = result.rows[0];
  return row ? { doc: row.doc, passwordHash: row.password_hash } : null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const result = await db.query<{ doc: User }>('SELECT doc FROM users WHERE lower(email) = lower($1) AND NOT deleted', [
    email,
  ]);
  return result.rows[0]?.doc ?? null;
}

const ACTIVE_ADMINS = "SELECT id FROM users WHERE role = 'admin' AND active AND NOT deleted";

export async function hasActiveAdmin(db: Queryable): Promise<boolean> {
  return (await db.query(`${ACTIVE_ADMINS} LIMIT 1`)).rows.length > 0;
}

export async function saveUser(db: Database, change: UserChange, by: Writer): Promise<SavedUser> {
  const { id, creating, fields } = change;
  const newHash = change.password === undefined ? null : await hashPassword(change.password);
  return db.transaction(async (tx) => {
    const before = await findUser(tx, id);
    if (creating && before) throw new HttpError(409, `A user with id ${id} already exists: change it with PUT`);
    if (!creating && !before) throw notFound(`There is no user ${id}: create it with POST`);
    const clash = await tx.query('SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2', [fields.email, id]);
    if (clash.rows.length > 0) throw new HttpError(409, `email: ${fields.email} is already another user’s`);
    refuseIssues('user', await missing(tx, 'queues', 'queueIds', fields.queueIds, 'queue', true));
    if (before && isActiveAdmin(before.doc) && !isActiveAdmin(fields)) {
      // Locks every active admin's row, so two admins cannot step down at once and leave none.
      const admins = await tx.query<{ id: string }>(`${ACTIVE_ADMINS} FOR UPDATE`);
      if (admins.rows.every((row) => row.id === id))
        throw new HttpError(409, `${before.doc.email} is the only active admin: make another user an admin first`);
    }
    const user: User = { ...fields, id, updatedAt: new Date().toISOString() };
    // Locked before any sequence number is allocated (unassign.ts explains why).
    const stranded = before ? await lockStranded(tx, before.doc, user) : [];
    const seq = await allocateSeqs(tx, 1);
    await writeUsers(tx, [{ doc: user, seq, passwordHash: newHash ?? before?.passwordHash ?? '' }]);
    const changes = fieldChanges(before?.doc ?? null, user, ['updatedAt']);
    if (newHash) changes.push({ field: 'password', from: null, to: 'set' });
    await writeAudit(tx, [audit(seq, 'user', id, before ? 'update' : 'create', by, user.updatedAt, changes)]);
    await publishChange(db, tx, { c: 'users', s: seq, u: id });
    const signedOut = before !== null && (newHash !== null || (before.doc.active && !user.active));
    if (signedOut)
      await tx.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
    const unassignedTickets = await unassignStranded(db, tx, stranded, by);
    return { user, signedOut, unassignedTickets };
  });
}

const isActiveAdmin = (user: Pick<User, 'role' | 'active'>) => user.role === 'admin' && user.active;
