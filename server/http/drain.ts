import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How often a closing server ends the connections that carry no request. */
const SWEEP_MS = 100;

/**
 * Lets close() finish as soon as the requests in flight are answered:
 * - answers sent once the server starts closing carry `Connection: close`, so each client's kept-alive socket ends
 *   with its last answer (without it close() waited for the socket's keep-alive timeout after its answer);
 * - until the server has closed, every SWEEP_MS it ends the connections that carry no request: those that turned
 *   idle after Node's one sweep at `server.close()` (a live stream the hub ended a moment before), and those a client
 *   opened without sending anything yet (Node counts them active, waiting for headers; an HTTP client's pool keeps
 *   such a socket when the request it was opened for is cancelled). Either kind held close() until the client let go
 *   of it: seconds, or over a minute.
 */
export function installConnectionDrain(app: FastifyInstance): void {
  let closing = false;
  /** Connections on which no request has begun. */
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: { socket: Socket }) => unused.delete(request.socket));

  app.addHook('preClose', async () => {
    closing = true;
    const server = app.server;
    if (!server.listening) return;
    const sweep = setInterval(() => {
      server.closeIdleConnections();
      for (const socket of unused) if (socket.bytesRead === 0) socket.destroy();
    }, SWEEP_MS);
    sweep.unref();
    server.once('close', () => clearInterval(sweep));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
