import type { FastifyInstance } from 'fastify';
import type { User } from '../../shared/domain/user';
import { LoginRequestSchema, type LoginResponse, type MeResponse } from '../../shared/server-api/auth';
import type { Database } from '../db/database';
import { badRequest, HttpError, invalid, unauthorized } from '../http/errors';
import { findUnstorableText } from '../http/storable-text';
import type { StreamHub } from '../sync/stream';
import { requireAuth } from './context';
import { UNUSABLE_HASH, verifyPassword } from './passwords';
import { createRateLimiter } from './rate-limit';
import type { SessionCache } from './session-cache';
import { createSession } from './sessions';

export interface AuthOptions {
  tokenTtlMs: number;
  /** Attempts per minute per client address and email. */
  loginAttemptsPerMinute: number;
}

const LOGIN_BODY_LIMIT = 16 * 1024;

export function authRoutes(
  app: FastifyInstance,
  db: Database,
  hub: StreamHub,
  sessions: SessionCache,
  options: AuthOptions,
): void {
  const perAccount = createRateLimiter(options.loginAttemptsPerMinute, 60_000);
  // Spraying many emails from one address is bounded too.
  const perAddress = createRateLimiter(options.loginAttemptsPerMinute * 10, 60_000);

  app.post(
    '/api/auth/login',
    { config: { public: true }, bodyLimit: LOGIN_BODY_LIMIT },
    async (request): Promise<LoginResponse> => {
      const parsed = LoginRequestSchema.safeParse(request.body);
      if (!parsed.success) throw invalid('sign-in request', parsed.error);
      const problem = findUnstorableText(parsed.data, 'body');
      if (problem) throw badRequest(problem);
      const { email, password } = parsed.data;
      const wait = Math.max(perAccount.take(`${request.ip}|${email.toLowerCase()}`), perAddress.take(request.ip));
      if (wait > 0) {
        throw new HttpError(429, `Too many sign-in attempts: try again in ${wait} seconds`, undefined, {
          'retry-after': String(wait),
        });
      }
      const found = await db.query<{ doc: User; password_hash: string; active: boolean }>(
        'SELECT doc, password_hash, active FROM users WHERE lower(email) = lower($1) AND NOT deleted',
        [email],
      );
      const row = found.rows[0];
      // Verify even for unknown emails, so the answer takes as long and does not reveal which emails exist.
      const matches = await verifyPassword(password, row?.password_hash ?? UNUSABLE_HASH);
      if (!row || !matches) {
        request.log.info({ email }, 'sign-in refused: wrong email or password');
        throw unauthorized('Email or password is incorrect');
      }
      if (!row.active) throw new HttpError(403, 'Your account is disabled: ask an administrator');
      const session = await createSession(db, row.doc.id, request.deviceId, options.tokenTtlMs);
      request.log.info({ userId: row.doc.id, role: row.doc.role }, 'signed in');
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: row.doc };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const auth = requireAuth(request);
    await sessions.revoke(auth.tokenHash);
    hub.endSession(auth.tokenHash);
    request.log.info({ userId: auth.user.id }, 'signed out');
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request): Promise<MeResponse> => {
    const auth = requireAuth(request);
    return { user: auth.user, expiresAt: auth.expiresAt.toISOString() };
  });
}
