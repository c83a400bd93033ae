/**
 * The sync server as a library: `buildServer` assembles the Fastify app on an open database (tests, embedding);
 * `startServer` opens the storage, migrates, optionally seeds the demo desk, and listens — used by `npm run server`
 * (main.ts) and by the desktop launcher (`npm start`).
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { isLoopbackHost } from '../shared/net/loopback';
import { noAdminMessage } from './admin/first-admin';
import { adminRoutes } from './admin/routes';
import { hasActiveAdmin } from './admin/user-write';
import { installAuthHook } from './auth/hook';
import { authRoutes } from './auth/routes';
import { DEFAULT_IDLE_MS, SessionCache } from './auth/session-cache';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openDatabase, type StorageOptions } from './db/open';
import { type DemoOptions, seedDemo } from './demo/seed';
import { demoOnNetworkWarning } from './demo/warning';
import { installCors } from './http/cors';
import { installConnectionDrain } from './http/drain';
import { ERROR_SERVER_OPTIONS, installErrorHandling } from './http/errors';
import { healthRoute } from './http/health-route';
import { installInputBounds } from './http/input-bounds';
import { installRateLimits } from './http/rate-limits';
import { recordRoutes } from './http/route-list';
import { installSecurityHeaders } from './http/security-headers';
import { installStaticSites, type StaticSites } from './http/static-sites';
import { intakeRoutes } from './intake/routes';
import { portalRoutes } from './portal-api/routes';
import { installSlaScheduler, type SlaOptions } from './sla/install';
import { syncRoutes } from './sync/routes';
import { StreamHub } from './sync/stream';
import { installWorkingSetJob, type WorkingSetJobOptions } from './sync/working-set-job';
import { historyRoutes } from './tickets/history-route';
import { ticketReadRoutes } from './tickets/read-route';
import { searchRoutes } from './tickets/search';

export const DEFAULT_PORT = 4100;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_CORS_ORIGINS = ['app://workstation'];
export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_STREAMS_PER_SESSION = 5;

export interface ServerOptions extends StaticSites, SlaOptions, WorkingSetJobOptions {
  db: Database;
  /** Serve HTTPS with this certificate and key (PEM); without it the server speaks plain HTTP (behind a proxy). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Proxies whose X-Forwarded-For counts (addresses, CIDRs, or proxy-addr's `loopback` / `linklocal` /
   * `uniquelocal`): a request from one of them gets the address it forwarded as `request.ip`, which the sign-in
   * limits key on. Default none: the peer's own address.
   */
  trustProxy?: readonly string[];
  /** Fastify/pino logger options; false for silence. Default: info-level JSON logs. */
  logger?: FastifyServerOptions['logger'];
  corsOrigins?: readonly string[];
  tokenTtlMs?: number;
  /** A session ends after this long without a request (default 8 h), as well as after `tokenTtlMs`. */
  idleTimeoutMs?: number;
  heartbeatMs?: number;
  /** Live streams per session in each server process; another one ends the oldest (default 5). */
  streamsPerSession?: number;
  loginAttemptsPerMinute?: number;
  /** Pushes a minute per session (default 300). */
  pushesPerMinute?: number;
  /** Portal replies a minute per requester (default 30). */
  portalRepliesPerMinute?: number;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: 'info' },
    bodyLimit: 1024 * 1024,
    // request.ip (the sign-in limits' key) is the peer's address, or behind a trusted proxy the one it forwarded.
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? [...options.trustProxy] : false,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    ...ERROR_SERVER_OPTIONS,
  });
  recordRoutes(app);
  const sessions = new SessionCache(options.db, { idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MS, log: app.log });
  await sessions.start();
  app.addHook('onClose', async () => sessions.close());
  const hub = new StreamHub(app.log, sessions, {
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxPerSession: options.streamsPerSession ?? DEFAULT_STREAMS_PER_SESSION,
  });
  await hub.start(options.db);
  // Streams never finish on their own: end them before Fastify waits for open connections to drain.
  app.addHook('preClose', async () => hub.close());
  installConnectionDrain(app);

  // Hooks run in the order installed: security headers on every answer, CORS preflights before authentication.
  await installSecurityHeaders(app, { hsts: options.tls !== undefined });
  await installCors(app, options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  await installRateLimits(app, options.db);
  const fallback = await installStaticSites(app, options);
  installErrorHandling(app, fallback);
  installAuthHook(app, sessions);
  installInputBounds(app);
  healthRoute(app, options.db);
  authRoutes(app, options.db, sessions, {
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 10,
  });
  syncRoutes(app, options.db, hub, { pushesPerMinute: options.pushesPerMinute ?? 300 });
  historyRoutes(app, options.db);
  searchRoutes(app, options.db);
  ticketReadRoutes(app, options.db);
  intakeRoutes(app, options.db, sessions);
  const workingSet = installWorkingSetJob(app, options.db, options);
  adminRoutes(app, options.db, sessions, workingSet.poke);
  portalRoutes(app, options.db, { repliesPerMinute: options.portalRepliesPerMinute });
  installSlaScheduler(app, options.db, hub, options);
  return app;
}

export interface StartOptions extends StorageOptions, Omit<ServerOptions, 'db'> {
  port?: number;
  host?: string;
  /** Seed the demo desk into an empty database (true: default size). */
  demo?: boolean | DemoOptions;
  /**
   * Refuse to start when the database has no active admin, saying how to create one (`npm run server` without
   * --demo). Off by default for servers embedded in tests and tools, which create their own users.
   */
  requireAdmin?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4100 */
  url: string;
  port: number;
  app: FastifyInstance;
  db: Database;
  /** Stops accepting requests, finishes those in flight, ends live streams, closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const db = await openDatabase(options);
  try {
    await migrate(db);
    if (options.demo) await seedDemo(db, options.demo === true ? {} : options.demo);
    if (options.requireAdmin && !(await hasActiveAdmin(db))) throw new Error(noAdminMessage(options));
    const app = await buildServer({ ...options, db });
    await app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
    const host = options.host ?? DEFAULT_HOST;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const url = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`;
    if (options.demo && !isLoopbackHost(host)) app.log.warn({ url }, demoOnNetworkWarning(url));
    let closing: Promise<void> | null = null;
    return {
      url,
      port,
      app,
      db,
      close() {
        closing ??= app.close().then(() => db.close());
        return closing;
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
