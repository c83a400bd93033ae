import type { FastifyInstance } from 'fastify';

/**
 * Once the server starts closing, answers to requests still in flight carry `Connection: close`, so each client's
 * kept-alive socket ends with its last answer. Without it, close() waited for every such socket's keep-alive timeout
 * (5 s) after its answer, delaying every shutdown that had a request in flight.
 */
export function installConnectionDrain(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
