import type { FastifyInstance } from 'fastify';
import type { User } from '../../shared/domain/user';
import { LoginRequestSchema, type LoginResponse, type MeResponse } from '../../shared/server-api/auth';
import type { Database } from '../db/database';
import { badRequest, invalid, unauthorized } from '../http/errors';
import { clientAddress, manualLimit, routeLimit } from '../http/rate-limits';
import { findUnstorableText } from '../http/storable-text';
import { requireAuth } from './context';
import { UNUSABLE_HASH, verifyPassword } from './passwords';
import type { SessionCache } from './session-cache';
import { createSession } from './sessions';

export interface AuthOptions {
  tokenTtlMs: number;
  /** Sign-in attempts a minute per account, from any address and any server process; ten times as many per address. */
  loginAttemptsPerMinute: number;
}

const LOGIN_BODY_LIMIT = 16 * 1024;

export function authRoutes(app: FastifyInstance, db: Database, sessions: SessionCache, options: AuthOptions): void {
  // Guessing one account's password from many addresses is bounded per account; spraying many accounts from one
  // address per address. Both back off: every attempt past the limit doubles the wait (up to 15 minutes).
  const perAddress = routeLimit(
    'Too many sign-in attempts from this address',
    options.loginAttemptsPerMinute * 10,
    (request) => `login-address:${clientAddress(request)}`,
    { exponentialBackoff: true },
  );
  const perAccount = manualLimit(app, 'Too many sign-in attempts for this account', options.loginAttemptsPerMinute, {
    exponentialBackoff: true,
  });

  app.post(
    '/api/auth/login',
    { config: { public: true, rateLimit: perAddress }, bodyLimit: LOGIN_BODY_LIMIT },
    async (request): Promise<LoginResponse> => {
      const parsed = LoginRequestSchema.safeParse(request.body);
      if (!parsed.success) throw invalid('sign-in request', parsed.error);
      const problem = findUnstorableText(parsed.data, 'body');
      if (problem) throw badRequest(problem);
      const { email, password } = parsed.data;
      await perAccount(request, `login-account:${email.toLowerCase()}`);
      const found = await db.query<{ doc: User; password_hash: string; active: boolean }>(
        'SELECT doc, password_hash, active FROM users WHERE lower(email) = lower($1) AND NOT deleted',
        [email],
      );
      const row = found.rows[0];
      // Verify even for unknown emails, so the answer takes as long and does not reveal which emails exist.
      const matches = await verifyPassword(password, row?.password_hash ?? UNUSABLE_HASH);
      // A disabled account answers like a wrong password: the answer must not confirm that a guess was right.
      if (!row || !matches || !row.active) {
        request.log.info({ email, disabled: row?.active === false && matches }, 'sign-in refused');
        throw unauthorized('Email or password is incorrect');
      }
      const session = await createSession(db, row.doc.id, request.deviceId, options.tokenTtlMs);
      request.log.info({ userId: row.doc.id, role: row.doc.role }, 'signed in');
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: row.doc };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const auth = requireAuth(request);
    // Every process forgets the session and ends its live streams (sync/stream.ts hears of the change).
    await sessions.revoke(auth.tokenHash);
    request.log.info({ userId: auth.user.id }, 'signed out');
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request): Promise<MeResponse> => {
    const auth = requireAuth(request);
    return { user: auth.user, expiresAt: auth.expiresAt.toISOString() };
  });
}
