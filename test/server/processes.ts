/**
 * The server and its command-line tools as an operator runs them: separate Node processes started through tsx, with
 * the flags and environment given (DATABASE_URL only when given, never inherited from the test run).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Engine } from '../../server/db/database';
import { openDatabase, type StorageOptions } from '../../server/db/open';
import { testStorage } from '../../server/db/test-databases';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The URL from the "sync server ready" log line; rejects when the process exits before it. */
  readonly ready: Promise<string>;
  /** Everything the process wrote, once it has exited. */
  readonly exited: Promise<Finished>;
  /** Stops the process with SIGTERM (SIGKILL after 20 s) and waits for it. */
  stop(): Promise<Finished>;
  /** Whether the server came up or refused to: a refusal's output, or the output of a server that started (stopped). */
  refusal(): Promise<Finished & { started: boolean }>;
}

/** The test run's environment without its database, plus `env`: a process works only where it is told to. */
export function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _inherited, PGOPTIONS: _options, ...rest } = process.env;
  return { ...rest, ...env };
}

function start(script: string, args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: environment(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { exited: Promise<Finished>; output: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<Finished>((done) => {
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
  return { exited, output: () => stdout };
}

/** `npm run server -- <args>`. */
export function runServer(args: readonly string[], env: Record<string, string> = {}): ServerProcess {
  const child = start('server/main.ts', args, env);
  const { exited } = collect(child);
  const ready = new Promise<string>((resolveUrl, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n')) {
        if (!line.includes('"sync server ready"')) continue;
        child.stdout?.off('data', onData);
        resolveUrl((JSON.parse(line) as { url: string }).url);
        return;
      }
    };
    child.stdout?.on('data', onData);
    exited.then((finished) =>
      reject(new Error(`the server exited (${finished.code}) before it was ready: ${finished.stderr.trim()}`)),
    );
  });
  ready.catch(() => undefined);
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      exited.then(() => clearTimeout(kill));
      child.kill('SIGTERM');
    }
    return exited;
  };
  return {
    child,
    ready,
    exited,
    stop,
    async refusal() {
      const started = await Promise.race([ready.then(() => true), exited.then(() => false)]);
      return { ...(await stop()), started };
    },
  };
}

/** Runs a command-line tool (`server/seed-cli.ts`, `server/cli/admin.ts`) to its end, with `input` on stdin. */
export async function runTool(
  script: string,
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Finished> {
  const child = start(script, args, options.env ?? {});
  const { exited } = collect(child);
  child.stdin?.end(options.input ?? '');
  return exited;
}

/** Where a process works: a fresh PGlite data directory, or a fresh PostgreSQL schema (reached through PGOPTIONS). */
export interface ProcessStorage {
  /** Flags naming the storage (`--data-dir <dir>` for PGlite). */
  args: string[];
  /** Environment naming the storage (DATABASE_URL and PGOPTIONS for PostgreSQL). */
  env: Record<string, string>;
  /** How a test opens the same storage in-process (after the process has let go of a PGlite directory). */
  options: StorageOptions;
  /** Removes the directory or schema. */
  drop(): Promise<void>;
}

export async function processStorage(engine: Engine): Promise<ProcessStorage> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'itsm-process-'));
    return {
      args: ['--data-dir', dataDir],
      env: {},
      options: { dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const storage = await testStorage(engine, { migrated: false });
  // Opening creates the run's (empty) schema.
  await (await openDatabase(storage.options)).close();
  const { databaseUrl = '', schema = '' } = storage.options;
  return {
    args: [],
    env: { DATABASE_URL: databaseUrl, PGOPTIONS: `-c search_path=${schema}` },
    options: storage.options,
    drop: () => storage.drop(),
  };
}

/** How many rows each table holds, read in this process once the tools have let go of the storage. */
export async function countRows(options: StorageOptions, tables: readonly string[]): Promise<Record<string, number>> {
  const db = await openDatabase(options);
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const result = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
      counts[table] = result.rows[0]?.n ?? 0;
    }
    return counts;
  } finally {
    await db.close();
  }
}
