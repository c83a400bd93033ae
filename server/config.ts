/**
 * Command-line flags and environment variables → start options. Flags win over the environment.
 *
 *   --demo                 seed the demo desk into an empty database
 *   --tickets <n>          demo size (default 3000); implies --demo
 *   --data-dir <dir>       PGlite data directory (default ./data; ignored when DATABASE_URL is set)
 *   --port <n>             PORT, default 4100
 *   --host <h>             HOST, default 127.0.0.1
 *   --web-root <dir>       serve a built web app at /
 *   --portal-root <dir>    serve the requester portal at /portal/
 *   --log-level <level>    LOG_LEVEL, default info
 * Environment only: DATABASE_URL, CORS_ORIGINS (comma-separated), TOKEN_TTL_HOURS, SESSION_IDLE_MINUTES (a session
 * ends after this long without a request, default 480), STREAMS_PER_SESSION (live streams per session and process,
 * default 5), SLA_INTERVAL_SECONDS (the SLA scheduler's period, default 30; 0 turns it off in this process).
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_CORS_ORIGINS,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_STREAMS_PER_SESSION,
  type StartOptions,
} from './app';
import { DEMO_TICKETS } from './demo/seed';

export const DEFAULT_DATA_DIR = './data';

export function configFrom(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      demo: { type: 'boolean', default: false },
      tickets: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'web-root': { type: 'string' },
      'portal-root': { type: 'string' },
      'log-level': { type: 'string' },
    },
    strict: true,
  });
  const port = integer('--port / PORT', values.port ?? env.PORT, DEFAULT_PORT, 0, 65_535);
  const tickets = integer('--tickets', values.tickets, DEMO_TICKETS, 0, 10_000_000);
  const ttlHours = integer('TOKEN_TTL_HOURS', env.TOKEN_TTL_HOURS, 12, 1, 24 * 90);
  const idleMinutes = integer('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 8 * 60, 1, 60 * 24 * 90);
  const streams = integer('STREAMS_PER_SESSION', env.STREAMS_PER_SESSION, DEFAULT_STREAMS_PER_SESSION, 1, 100);
  const slaSeconds = integer('SLA_INTERVAL_SECONDS', env.SLA_INTERVAL_SECONDS, 30, 0, 24 * 3600);
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port,
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    ...(databaseUrl ? { databaseUrl } : { dataDir: values['data-dir'] ?? env.DATA_DIR ?? DEFAULT_DATA_DIR }),
    // A demo size asks for the demo: `npm start -- --tickets 100000` once seeded the default 3 000 without a word.
    ...(values.demo || values.tickets !== undefined ? { demo: { tickets } } : {}),
    ...(values['web-root'] ? { webRoot: values['web-root'] } : {}),
    ...(values['portal-root'] ? { portalRoot: values['portal-root'] } : {}),
    corsOrigins: env.CORS_ORIGINS
      ? env.CORS_ORIGINS.split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : DEFAULT_CORS_ORIGINS,
    tokenTtlMs: ttlHours * 60 * 60 * 1000,
    idleTimeoutMs: idleMinutes * 60 * 1000,
    streamsPerSession: streams,
    slaIntervalMs: slaSeconds * 1000,
    logger: { level: values['log-level'] ?? env.LOG_LEVEL ?? 'info' },
  };
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** The database location without credentials, for logs. */
export function describeStorage(options: StartOptions): string {
  if (options.databaseUrl) {
    try {
      const url = new URL(options.databaseUrl);
      return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
    } catch {
      return 'PostgreSQL';
    }
  }
  return `embedded PGlite in ${options.dataDir ?? 'memory'}`;
}
