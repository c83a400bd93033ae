/**
 * Who is submitting a request: a requester with a session (`Authorization: Bearer`) or an integration with an API key
 * (`X-Api-Key`). The intake route is the only place an API key is accepted; on every other /api route the auth hook
 * wants a Bearer session, so a key alone gets a 401 there.
 */
import type { FastifyRequest } from 'fastify';
import type { User } from '../../shared/domain/user';
import { API_KEY_HEADER } from '../../shared/server-api/intake';
import { withArticle } from '../admin/guard';
import { findIntegration, type Integration } from '../api-keys/keys';
import { sessionFromHeader } from '../auth/bearer';
import type { SessionCache } from '../auth/session-cache';
import type { Database } from '../db/database';
import { badRequest, forbidden, unauthorized } from '../http/errors';

export type Principal = { kind: 'requester'; user: User } | { kind: 'integration'; integration: Integration };

/** The idempotency and rate-limit key of a principal. */
export const principalKey = (principal: Principal): string =>
  principal.kind === 'requester' ? `user:${principal.user.id}` : `key:${principal.integration.id}`;

export async function authenticateIntake(
  db: Database,
  sessions: SessionCache,
  request: FastifyRequest,
): Promise<Principal> {
  const key = request.headers[API_KEY_HEADER];
  const authorization = request.headers.authorization;
  if (key !== undefined && authorization !== undefined) {
    throw badRequest('Send either X-Api-Key (integrations) or Authorization (requesters), not both');
  }
  if (key !== undefined) {
    if (typeof key !== 'string') throw unauthorized('Send one X-Api-Key header');
    const found = await findIntegration(db, key);
    if (!found.ok) throw unauthorized(found.reason);
    return { kind: 'integration', integration: found.integration };
  }
  if (authorization === undefined) {
    throw unauthorized('Sign in first, or send an integration key in X-Api-Key');
  }
  const { user } = await sessionFromHeader(sessions, authorization);
  if (user.role !== 'requester') {
    throw forbidden(
      `Requests come from requesters and integrations; as ${withArticle(user.role)}, create tickets in the workstation`,
    );
  }
  return { kind: 'requester', user };
}
