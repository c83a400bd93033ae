/**
 * Users for admins: list, read, create (with a password), update (optionally a new password). Password hashes never
 * leave the server and never enter the audit log (a change shows as "password: set"). Users are deactivated
 * (`active: false`), never deleted, because tickets and the audit log keep naming them; deactivating a user or
 * setting a new password signs them out everywhere; a change that takes queues from them unassigns their active
 * tickets there, and PUT's answer says how many (`unassignedTickets`). Admins cannot lock themselves out.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { User } from '../../shared/domain/user';
import { UserInputSchema, type UserUpdated } from '../../shared/server-api/admin';
import type { SessionCache } from '../auth/session-cache';
import type { Database } from '../db/database';
import { badRequest, notFound } from '../http/errors';
import { requireAdmin } from './guard';
import { idParam, parseBody } from './reference-routes';
import { findUser, type SavedUser, saveUser } from './user-write';

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

  const save = async (
    admin: User,
    deviceId: string,
    id: string,
    creating: boolean,
    body: unknown,
  ): Promise<SavedUser> => {
    const { password, id: bodyId, ...fields } = parseBody(UserInputSchema, body, 'user');
    if (bodyId !== undefined && bodyId !== id) throw badRequest(`id: must be ${id}, the id in the address`);
    if (creating && password === undefined) {
      throw badRequest('Invalid user: password: is required for a new user', {
        issues: [{ path: ['password'], message: 'is required for a new user' }],
      });
    }
    if (id === admin.id && (fields.role !== 'admin' || !fields.active)) {
      throw badRequest('You cannot take away your own admin role or deactivate yourself: ask another admin');
    }
    const saved = await saveUser(db, { id, creating, fields, password }, { actorId: admin.id, deviceId });
    // Other processes forget the user's sessions when the trigger's notification arrives (migration 004), this one at
    // once. Either way the user's live streams read their session again: they end, or follow the new role and queues.
    sessions.forgetUser(id);
    return saved;
  };

  app.post('/api/admin/users', async (request, reply) => {
    const admin = requireAdmin(request, 'users');
    const requested = (request.body as { id?: unknown } | null)?.id;
    const id = typeof requested === 'string' && requested !== '' ? requested : randomUUID();
    return reply.code(201).send((await save(admin, request.deviceId, id, true, request.body)).user);
  });

  app.put('/api/admin/users/:id', async (request): Promise<UserUpdated> => {
    const admin = requireAdmin(request, 'users');
    const { user, unassignedTickets } = await save(
      admin,
      request.deviceId,
      idParam(request.params),
      false,
      request.body,
    );
    return { ...user, unassignedTickets };
  });
}
