import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../http/errors';
import type { Session } from './sessions';

/** Who is calling: set by the auth hook on every authenticated request. */
export type AuthContext = Session;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    /** The X-Device-Id header (validated), or '' when absent. */
    deviceId: string;
  }
  interface FastifyContextConfig {
    /** Routes that need no Bearer token (login, health, static files). */
    public?: boolean;
  }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized('Sign in first: this endpoint needs an Authorization: Bearer token');
  return request.auth;
}
