/**
 * Users for admins: list, read, create (with a password), update (optionally a new password). Password hashes never
 * leave the server and never enter the audit log (a change shows as "password: set"). Users are deactivated
 * (`active: false`), never deleted, because tickets and the audit log keep naming them; deactivating a user or
 * setting a new password signs them out everywhere. Admins cannot lock themselves out.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { User } from '../../shared/domain/user';
import { UserInputSchema } from '../../shared/server-api/admin';
import { hashPassword } from '../auth/passwords';
import type { SessionCache } from '../auth/session-cache';
import type { Database, Queryable } from '../db/database';
import { badRequest, HttpError, notFound } from '../http/errors';
import { fieldChanges, writeAudit } from '../sync/audit';
import { publishChange } from '../sync/changes';
import { allocateSeqs } from '../sync/seq';
import { writeUsers } from '../sync/store';
import { requireAdmin } from './guard';
import { idParam, parseBody, refuseIssues } from './reference-routes';
import { missing } from './references';
import { audit } from './write';

async function findUser(tx: Queryable, id: string): Promise<{ doc: User; passwordHash: string } | null> {
  const result = await tx.query<{ doc: User; password_hash: string }>(
    'SELECT doc, password_hash FROM users WHERE id = $1 AND NOT deleted FOR UPDATE',
    [id],
  );
  const row = result.rows[0];
  return row ? { doc: row.doc, passwordHash: row.password_hash } : null;
}

export function userRoutes(app: FastifyInstance, db: Database, sessions: SessionCache): void {
  app.get('/api/admin/users', async (request) => {
    requireAdmin(request, 'users');
    const result = await db.query<{ doc: User }>('SELECT doc FROM users WHERE NOT deleted ORDER BY id');
    return { items: result.rows.map((row) => row.doc) };
  });

  app.get('/api/admin/users/:id', async (request) => {
    requireAdmin(request, 'users');
    const id = idParam(request.params);
    const found = await findUser(db, id);
    if (!found) throw notFound(`There is no user ${id}`);
    return found.doc;
  });

  const save = async (admin: User, deviceId: string, id: string, creating: boolean, body: unknown): Promise<User> => {
    const { password, ...input } = parseBody(UserInputSchema, body, 'user');
    if (input.id !== undefined && input.id !== id) throw badRequest(`id: must be ${id}, the id in the address`);
    if (creating && password === undefined) {
      throw badRequest('Invalid user: password: is required for a new user', {
        issues: [{ path: ['password'], message: 'is required for a new user' }],
      });
    }
    if (id === admin.id && (input.role !== 'admin' || !input.active)) {
      throw badRequest('You cannot take away your own admin role or deactivate yourself: ask another admin');
    }
    const newHash = password === undefined ? null : await hashPassword(password);
    const user = await db.transaction(async (tx) => {
      const before = await findUser(tx, id);
      if (creating && before) throw new HttpError(409, `A user with id ${id} already exists: change it with PUT`);
      if (!creating && !before) throw notFound(`There is no user ${id}: create it with POST`);
      const clash = await tx.query('SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2', [
        input.email,
        id,
      ]);
      if (clash.rows.length > 0) throw new HttpError(409, `email: ${input.email} is already another user’s`);
      refuseIssues('user', await missing(tx, 'queues', 'queueIds', input.queueIds, 'queue', true));
      const user: User = { ...input, id, updatedAt: new Date().toISOString() };
      const seq = await allocateSeqs(tx, 1);
      await writeUsers(tx, [{ doc: user, seq, passwordHash: newHash ?? before?.passwordHash ?? '' }]);
      const changes = fieldChanges(before?.doc ?? null, user, ['updatedAt']);
      if (newHash) changes.push({ field: 'password', from: null, to: 'set' });
      const by = { actorId: admin.id, deviceId };
      await writeAudit(tx, [audit(seq, 'user', id, before ? 'update' : 'create', by, user.updatedAt, changes)]);
      await publishChange(db, tx, { c: 'users', s: seq, u: id });
      const signOut = before !== null && (newHash !== null || (before.doc.active && !user.active));
      if (signOut)
        await tx.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
      return user;
    });
    // Other processes forget the user's sessions when the trigger's notification arrives (migration 004), this one at
    // once. Either way the user's live streams read their session again: they end, or follow the new role and queues.
    sessions.forgetUser(id);
    return user;
  };

  app.post('/api/admin/users', async (request, reply) => {
    const admin = requireAdmin(request, 'users');
    const requested = (request.body as { id?: unknown } | null)?.id;
    const id = typeof requested === 'string' && requested !== '' ? requested : randomUUID();
    return reply.code(201).send(await save(admin, request.deviceId, id, true, request.body));
  });

  app.put('/api/admin/users/:id', async (request) => {
    const admin = requireAdmin(request, 'users');
    return save(admin, request.deviceId, idParam(request.params), false, request.body);
  });
}
