import type { FastifyInstance } from 'fastify';
import { DEVICE_ID_HEADER, DEVICE_ID_MAX_LENGTH } from '../../shared/server-api/auth';
import { badRequest, unauthorized } from '../http/errors';
import { sessionFromHeader } from './bearer';
import type { SessionCache } from './session-cache';

const DEVICE_ID = /^[\x20-\x7E]*$/;

/**
 * Authenticates every /api request except routes marked `config.public`: a missing, malformed, forged, expired, idle
 * or revoked token is a 401 with a message saying which. Also reads the optional X-Device-Id header for the audit log.
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
    request.auth = await sessionFromHeader(sessions, header);
  });
}
