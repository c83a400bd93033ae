import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INTAKE_BODY_LIMIT } from '../../shared/server-api/intake';
import type { SessionCache } from '../auth/session-cache';
import type { Database } from '../db/database';
import { badRequest, HttpError } from '../http/errors';
import { manualLimit } from '../http/rate-limits';
import { findUnstorableText } from '../http/storable-text';
import { loadReferenceData } from '../sync/reference';
import { submitRequest } from './create';
import { authenticateIntake, principalKey } from './principal';
import { parseIntake } from './validate';

export interface IntakeOptions {
  /** Submissions per minute per requester or API key (default 60). */
  requestsPerMinute?: number;
  now?: () => Date;
}

const KB = 1024;

/** Refuses an announced oversize body before reading it, with the limit in the message. */
async function refuseOversize(request: FastifyRequest): Promise<void> {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > INTAKE_BODY_LIMIT) {
    throw new HttpError(
      413,
      `The request is ${Math.ceil(length / KB)} KB; requests may be at most ${INTAKE_BODY_LIMIT / KB} KB. Attachments are not supported: describe the problem in text`,
    );
  }
}

/** POST /api/requests (shared/server-api/intake.ts): requesters (Bearer) and integrations (X-Api-Key). */
export function intakeRoutes(
  app: FastifyInstance,
  db: Database,
  sessions: SessionCache,
  options: IntakeOptions = {},
): void {
  const limit = manualLimit(app, 'Too many requests', options.requestsPerMinute ?? 60);
  const now = options.now ?? (() => new Date());
  app.post(
    '/api/requests',
    // Public to the Bearer hook: this route authenticates itself, because it also takes API keys.
    { config: { public: true }, bodyLimit: INTAKE_BODY_LIMIT, onRequest: refuseOversize },
    async (request, reply) => {
      const principal = await authenticateIntake(db, sessions, request);
      await limit(request, `intake:${principalKey(principal)}`);
      const problem = findUnstorableText(request.body, 'body');
      if (problem) throw badRequest(problem);
      const reference = await loadReferenceData(db);
      const parsed = parseIntake(request.body, reference.catalog);
      if (!parsed.ok) throw parsed.error;
      const result = await submitRequest(
        { db, deviceId: request.deviceId, now, log: request.log },
        principal,
        parsed.value,
      );
      request.log.info(
        { principal: principalKey(principal), ticketId: result.body.ticket.id, replayed: result.status === 200 },
        'request accepted',
      );
      return reply.code(result.status).send(result.body);
    },
  );
}
