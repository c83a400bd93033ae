import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP proxy between a workstation and the real server that can hold back an answer: a request to a chosen
 * path is served by the server in full (a push is committed) but its answer is kept from the workstation until the
 * test drops the connection — a push in flight when the server went away. Everything else passes through,
 * streams included; while the server is down, requests fail as connection errors (`refused` waits for one).
 *
 * It can also fail on its own, as the network between a workstation and a healthy server does: while `down`, every
 * connection is dropped (open streams included) and requests fail as connection errors; `answer` may answer a request
 * itself with an error status (a gateway whose upstream is unreachable) instead of passing it on.
 */
export interface HeldAnswer {
  /** The server has answered (the push is committed); the workstation is still waiting. */
  answered: Promise<void>;
  /** Drops the workstation's connection without the answer. */
  drop(): void;
}

export class DroppingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly holds: { path: string; answered: () => void; drop: Promise<void> }[] = [];
  private readonly refusals: { path: string; seen: () => void }[] = [];

  private isDown = false;
  /** Returns a status to answer the request with here, or null to pass it to the server. */
  answer: ((method: string, path: string) => number | null) | null = null;

  constructor(private readonly target: () => string) {}

  /** Cuts the network (every open connection dropped, new ones too) or restores it. */
  get down(): boolean {
    return this.isDown;
  }
  set down(down: boolean) {
    this.isDown = down;
    if (down) for (const socket of this.sockets) socket.destroy();
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port ?? 0}`;
  }

  /** Holds back the answer to the next POST to `path`. */
  holdAnswer(path: string): HeldAnswer {
    let drop: () => void = () => undefined;
    const dropped = new Promise<void>((resolve) => {
      drop = resolve;
    });
    const answered = new Promise<void>((resolve) => this.holds.push({ path, answered: resolve, drop: dropped }));
    return { answered, drop: () => drop() };
  }

  /** Resolves when a request to `path` next fails to reach the server. */
  refused(path: string): Promise<void> {
    return new Promise((seen) => this.refusals.push({ path, seen }));
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      const status = this.answer?.(req.method ?? 'GET', path) ?? null;
      if (status !== null) {
        req.resume();
        res.writeHead(status, { 'content-type': 'text/plain' }).end('upstream unavailable');
        return;
      }
      const upstream = request(
        new URL(path, this.target()),
        { method: req.method, headers: req.headers, agent: false },
        (answer) => {
          const hold = this.holds.findIndex((h) => req.method === 'POST' && path.startsWith(h.path));
          if (hold >= 0) {
            const [held] = this.holds.splice(hold, 1);
            answer.resume();
            answer.on('end', () => {
              held?.answered();
              void held?.drop.then(() => req.socket.destroy());
            });
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('close', () => answer.complete || res.destroy());
        },
      );
      upstream.on('error', () => {
        for (const [i, r] of [...this.refusals.entries()].reverse())
          if (path.startsWith(r.path)) this.refusals.splice(i, 1)[0]?.seen();
        res.destroy();
      });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    });
    server.on('connection', (socket) => {
      if (this.isDown) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
