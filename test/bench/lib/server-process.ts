/**
 * Starts the sync server in a child process (serve.ts) and stops it: the benchmarks' server is a separate Node
 * process, like in production, seeded with the demo desk by the server's own `seedDemo`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StartOptions } from '../../../server/app';

export interface ServerProcess {
  url: string;
  /** Seconds the child took to open, migrate and (when asked) seed the database before listening. */
  startSeconds: number;
  pid: number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Where the child's stdout/stderr (its JSON log lines) go; discarded when absent. */
  logFile?: string;
  /** Write a V8 CPU profile of the server into this directory when it stops. */
  cpuProfileDir?: string;
  /** How long opening, migrating and seeding may take. */
  timeoutMs: number;
}

const ENTRY = new URL('./serve.ts', import.meta.url).pathname;

export async function spawnServer(options: StartOptions, spawnOptions: SpawnOptions): Promise<ServerProcess> {
  const nodeArgs = ['--import', 'tsx'];
  if (spawnOptions.cpuProfileDir) {
    await mkdir(spawnOptions.cpuProfileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${spawnOptions.cpuProfileDir}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, ENTRY], {
    env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', spawnOptions.logFile ? 'pipe' : 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  if (spawnOptions.logFile && child.stdout) {
    await mkdir(join(spawnOptions.logFile, '..'), { recursive: true });
    child.stdout.pipe(createWriteStream(spawnOptions.logFile));
  }
  const ready = await new Promise<{ url: string; seconds: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${spawnOptions.timeoutMs / 1000} s`));
    }, spawnOptions.timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as { url: string; seconds: number });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening: ${stderr.trim().slice(-1500)}`));
    });
  });
  return {
    url: ready.url,
    startSeconds: ready.seconds,
    pid: child.pid ?? -1,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
