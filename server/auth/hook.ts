import type { FastifyInstance } from 'fastify';
import { DEVICE_ID_HEADER, DEVICE_ID_MAX_LENGTH } from '../../shared/server-api/auth';
import { badRequest, HttpError, unauthorized } from '../http/errors';
import type { SessionCache } from './session-cache';
import { SESSION_FAILURE_MESSAGES } from './sessions';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,512})$/;
const DEVICE_ID = /^[\x20-\x7E]*$/;

/**
 * Authenticates every /api request except routes marked `config.public`: a missing, malformed, forged, expired or revoked
 * token is a 401 with a message saying which. Also reads the optional X-Device-Id header for the audit log.
 */
export function installAuthHook(app: FastifyInstance, sessions: SessionCache): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('deviceId', '');
  app.addHook('onRequest', async (request) => {
    const device = request.headers[DEVICE_ID_HEADER];
    if (device !== undefined) {
      if (typeof device !== 'string' || device.length > DEVICE_ID_MAX_LENGTH || !DEVICE_ID.test(device)) {
        throw badRequest(`X-Device-Id must be at most ${DEVICE_ID_MAX_LENGTH} printable ASCII characters`);
      }
      request.deviceId = device;
    }
    // Only the API needs a session; static files (web app, portal) are public.
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public) return;
    const header = request.headers.authorization;
    if (header === undefined) throw unauthorized('Sign in first: the Authorization: Bearer header is missing');
    const match = BEARER.exec(header);
    if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>"');
    const lookup = await sessions.find(match[1]);
    if (!lookup.ok) {
      throw lookup.reason === 'inactive'
        ? new HttpError(403, SESSION_FAILURE_MESSAGES.inactive)
        : unauthorized(SESSION_FAILURE_MESSAGES[lookup.reason]);
    }
    request.auth = lookup.session;
  });
}
