import { HttpError, unauthorized } from '../http/errors';
import type { SessionCache } from './session-cache';
import { SESSION_FAILURE_MESSAGES, type Session } from './sessions';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,512})$/;

/**
 * The session an `Authorization: Bearer <token>` header names, or an HttpError saying what is wrong with it: 401 for
 * a malformed, forged, expired, idle or signed-out token, 403 for a disabled account. Counts as a use of the session.
 */
export async function sessionFromHeader(sessions: SessionCache, header: string): Promise<Session> {
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthorized('The Authorization header must be "Bearer <token>"');
  const lookup = await sessions.find(token);
  if (lookup.ok) return lookup.session;
  throw lookup.reason === 'inactive'
    ? new HttpError(403, SESSION_FAILURE_MESSAGES.inactive)
    : unauthorized(SESSION_FAILURE_MESSAGES[lookup.reason]);
}
