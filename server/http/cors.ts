import type { FastifyInstance } from 'fastify';

/**
 * CORS for the desktop renderer, which runs on its own origin (`app://workstation`). Only listed origins get the
 * headers; same-origin web builds need none. Bearer tokens, not cookies, so no credentials mode.
 */
export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
  });
  app.options('/*', { config: { public: true } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && allowed.has(origin)) {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
      reply.header('access-control-allow-headers', 'Authorization, Content-Type, X-Device-Id');
      reply.header('access-control-max-age', '600');
    }
    return reply.code(204).send();
  });
}
