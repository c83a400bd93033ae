import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../shared/server-api/health';
import type { Database } from '../db/database';
import { currentSeq } from '../sync/seq';

export function healthRoute(app: FastifyInstance, db: Database): void {
  const started = Date.now();
  app.get('/api/health', { config: { public: true } }, async (request, reply) => {
    const uptimeSeconds = Math.round((Date.now() - started) / 1000);
    try {
      const body: HealthResponse = { status: 'ok', engine: db.engine, seq: await currentSeq(db), uptimeSeconds };
      return body;
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unavailable');
      const body: HealthResponse = { status: 'unavailable', engine: db.engine, seq: null, uptimeSeconds };
      return reply.code(503).send(body);
    }
  });
}
