/**
 * Command-line flags and environment variables → start options. Flags win over the environment.
 *
 *   --demo                 seed the demo desk into an empty database
 *   --tickets <n>          demo size (default 3000); implies --demo
 *   --history-days <n>     a demo desk with n days behind it (60 to 3650): a tenth of its tickets active, the closed
 *                          ones spread over those days (the working set's benchmark desk); implies --demo
 *   --data-dir <dir>       PGlite data directory (default ./data; ignored when DATABASE_URL is set)
 *   --port <n>             PORT, default 4100
 *   --host <h>             HOST, default 127.0.0.1
 *   --web-root <dir>       serve a built web app at /
 *   --portal-root <dir>    serve the requester portal at /portal/
 *   --log-level <level>    LOG_LEVEL, default info
 *   --tls-cert <file>      TLS_CERT: serve HTTPS with this PEM certificate (chain); needs --tls-key
 *   --tls-key <file>       TLS_KEY: its private key (PEM)
 *   --trust-proxy <list>   TRUST_PROXY: comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For
 *                          counts (also `loopback`, `linklocal`, `uniquelocal`); default none
 * Environment only: DATABASE_URL, CORS_ORIGINS (comma-separated), TOKEN_TTL_HOURS, SESSION_IDLE_MINUTES (a session
 * ends after this long without a request, default 480), STREAMS_PER_SESSION (live streams per session, all processes,
 * default 5), SLA_INTERVAL_SECONDS (the SLA scheduler's period, default 30; 0 turns it off in this process);
 * with PostgreSQL, PG_LOCK_TIMEOUT_MS (3000), PG_IDLE_IN_TRANSACTION_MS (4000), PG_STATEMENT_TIMEOUT_MS (60000) and
 * PG_KEEPALIVE_MS (10000): how long one connection may hold up others (db/pg.ts).
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import {
  DEFAULT_CORS_ORIGINS,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_STREAMS_PER_SESSION,
  type StartOptions,
} from './app';
import { storageFrom } from './db/open';
import { DEFAULT_PG_WAITS, type PgWaits } from './db/pg';
import { DEMO_TICKETS } from './demo/seed';

export function configFrom(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      demo: { type: 'boolean', default: false },
      tickets: { type: 'string' },
      'history-days': { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'web-root': { type: 'string' },
      'portal-root': { type: 'string' },
      'log-level': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'string' },
    },
    strict: true,
  });
  const port = integer('--port / PORT', values.port ?? env.PORT, DEFAULT_PORT, 0, 65_535);
  const tickets = integer('--tickets', values.tickets, DEMO_TICKETS, 0, 10_000_000);
  const historyDays =
    values['history-days'] === undefined ? undefined : integer('--history-days', values['history-days'], 60, 60, 3650);
  const ttlHours = integer('TOKEN_TTL_HOURS', env.TOKEN_TTL_HOURS, 12, 1, 24 * 90);
  const idleMinutes = integer('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 8 * 60, 1, 60 * 24 * 90);
  const streams = integer('STREAMS_PER_SESSION', env.STREAMS_PER_SESSION, DEFAULT_STREAMS_PER_SESSION, 1, 100);
  const slaSeconds = integer('SLA_INTERVAL_SECONDS', env.SLA_INTERVAL_SECONDS, 30, 0, 24 * 3600);
  return {
    port,
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    ...storageFrom(values['data-dir'], env),
    ...(env.DATABASE_URL ? { waits: pgWaitsFrom(env) } : {}),
    // A demo size asks for the demo: `npm start -- --tickets 100000` once seeded the default 3 000 without a word.
    ...(values.demo || values.tickets !== undefined || historyDays !== undefined
      ? {
          demo: { tickets, ...(historyDays === undefined ? {} : { history: { days: historyDays, activeShare: 0.1 } }) },
        }
      : {}),
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
    ...tlsFrom(values['tls-cert'] ?? env.TLS_CERT, values['tls-key'] ?? env.TLS_KEY),
    ...trustProxyFrom(values['trust-proxy'] ?? env.TRUST_PROXY),
  };
}

function tlsFrom(certFile: string | undefined, keyFile: string | undefined): Pick<StartOptions, 'tls'> {
  if (!certFile && !keyFile) return {};
  if (!certFile || !keyFile)
    throw new Error('--tls-cert and --tls-key go together: the certificate (PEM) and its private key (PEM)');
  return { tls: { cert: readPem('--tls-cert / TLS_CERT', certFile), key: readPem('--tls-key / TLS_KEY', keyFile) } };
}

function readPem(name: string, file: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (error) {
    throw new Error(`${name}: cannot read ${file} (${error instanceof Error ? error.message : error})`);
  }
  if (!pem.includes('-----BEGIN ')) throw new Error(`${name}: ${file} is not a PEM file (no -----BEGIN line)`);
  return pem;
}

/** proxy-addr's names for address ranges (Fastify's trustProxy takes them beside addresses and CIDRs). */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustProxyFrom(raw: string | undefined): Pick<StartOptions, 'trustProxy'> {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !RANGE_NAMES.includes(entry) && !isAddressOrCidr(entry));
  if (bad.length > 0)
    throw new Error(
      `--trust-proxy / TRUST_PROXY: ${bad.join(', ')} is not an IP address, a CIDR (10.0.0.0/8) or one of ${RANGE_NAMES.join(', ')}`,
    );
  return entries.length > 0 ? { trustProxy: entries } : {};
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function pgWaitsFrom(env: NodeJS.ProcessEnv): PgWaits {
  const ms = (name: string, fallback: number, min: number) => integer(name, env[name], fallback, min, 24 * 3600_000);
  return {
    lockTimeoutMs: ms('PG_LOCK_TIMEOUT_MS', DEFAULT_PG_WAITS.lockTimeoutMs, 100),
    idleInTransactionMs: ms('PG_IDLE_IN_TRANSACTION_MS', DEFAULT_PG_WAITS.idleInTransactionMs, 100),
    statementTimeoutMs: ms('PG_STATEMENT_TIMEOUT_MS', DEFAULT_PG_WAITS.statementTimeoutMs, 1_000),
    keepAliveMs: ms('PG_KEEPALIVE_MS', DEFAULT_PG_WAITS.keepAliveMs, 1_000),
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
