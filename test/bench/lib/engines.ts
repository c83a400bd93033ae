/**
 * The benchmarks' sync servers: one child process per database engine, seeded by the server's own `seedDemo` into
 * a fresh PGlite data directory or a fresh PostgreSQL schema, and removed again when stopped.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { StartOptions } from '../../../server/app';
import type { DemoHistory } from '../../../server/demo/tickets';
import { spawnServer } from './server-process';

export type EngineName = 'pglite' | 'postgres';

export const ENGINE_LABELS: Record<EngineName, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

export interface BenchServer {
  engine: EngineName;
  url: string;
  tickets: number;
  /** Seconds to open, migrate and seed the demo desk (before the server listened). */
  seedSeconds: number;
  /** The server's process id (its memory is read from /proc). */
  pid: number;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  tickets: number;
  /** A desk with years behind it instead of the demo desk's (44 % active, closed ones 3–60 days old). */
  history?: DemoHistory;
  /** Scratch space for PGlite data directories. */
  workDir: string;
  databaseUrl: string;
  webRoot?: string;
  portalRoot?: string;
  logFile?: string;
  cpuProfileDir?: string;
}

/** 5 extra comments at most per worked ticket: about 3 comments a ticket (100 000 tickets, 300 000 comments). */
export const BENCH_MAX_EXTRA_COMMENTS = 5;

/**
 * The working set's desk (issue 21): three years of tickets, a tenth of them active, the closed ones spread over the
 * three years (`npm run seed -- --history-days 1095`).
 */
export const YEARS_BEHIND: DemoHistory = { days: 1095, activeShare: 0.1 };

export async function startBenchServer(engine: EngineName, options: BenchServerOptions): Promise<BenchServer> {
  const common: StartOptions = {
    demo: {
      tickets: options.tickets,
      maxExtraComments: BENCH_MAX_EXTRA_COMMENTS,
      batchSize: 2000,
      ...(options.history ? { history: options.history } : {}),
      // Each desk starts as its whole history, as every figure on the demo desk assumes (the default of 30 days since
      // migration 014 would move its tickets closed 31–60 days ago out); working-set sets its days itself.
      workingSetDays: 0,
    },
    // Nothing but the benchmark runs: the SLA scheduler would re-evaluate seeded tickets meanwhile.
    slaIntervalMs: 0,
    // Hundreds of sign-ins for the live-stream benchmark; eight workstations pushing as one session as fast as they can;
    // thousands of live streams on a few sessions (the per-session cap is tested in the suite, not measured here).
    loginAttemptsPerMinute: 1_000_000,
    pushesPerMinute: 1_000_000,
    streamsPerSession: 1_000_000,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.portalRoot ? { portalRoot: options.portalRoot } : {}),
  };
  const spawnOptions = {
    timeoutMs: 30 * 60_000,
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
  };
  let cleanup: () => Promise<void>;
  let storage: StartOptions;
  if (engine === 'pglite') {
    const desk = options.history ? `-history-${options.history.days}` : '';
    const dataDir = join(options.workDir, `pglite-${options.tickets}${desk}-${randomBytes(3).toString('hex')}`);
    storage = { dataDir };
    cleanup = () => rm(dataDir, { recursive: true, force: true });
  } else {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    storage = { databaseUrl: options.databaseUrl, schema };
    cleanup = () => dropSchema(options.databaseUrl, schema);
  }
  try {
    const child = await spawnServer({ ...common, ...storage }, spawnOptions);
    return {
      engine,
      url: child.url,
      tickets: options.tickets,
      seedSeconds: child.startSeconds,
      pid: child.pid,
      async stop() {
        await child.stop();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Whether a PostgreSQL server answers at `databaseUrl` (the runner skips PostgreSQL, saying so, when not). */
export async function postgresReachable(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Signs in as a demo user; returns the session token and user. */
export async function signInApi(url: string, email: string): Promise<{ token: string; user: { id: string } }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo1234' }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { token: string; user: { id: string } };
}
