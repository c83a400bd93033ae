import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './db/database';
import { openDatabase, type StorageOptions } from './db/open';
import { TEST_ENGINES, testStorage } from './db/test-databases';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** `npm run seed` as an operator runs it: a separate process, writing into the storage its flags and env name. */
async function seed(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _inherited, ...rest } = process.env;
  return run(TSX, ['server/seed-cli.ts', ...args], { env: { ...rest, ...env } });
}

async function count(db: Database, table: string): Promise<number> {
  const result = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
  return result.rows[0]?.n ?? 0;
}

describe.each(TEST_ENGINES)('npm run seed on %s', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** Where the CLI writes and how to open it afterwards: a PGlite data dir, or a fresh PostgreSQL schema. */
  async function target(): Promise<{ args: string[]; env: Record<string, string>; options: StorageOptions }> {
    if (engine === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'itsm-seed-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      return { args: ['--data-dir', dataDir], env: {}, options: { dataDir } };
    }
    const storage = await testStorage(engine, { migrated: false });
    cleanups.push(() => storage.drop());
    // Opening creates the run's schema; the CLI reaches it through libpq's PGOPTIONS.
    await (await openDatabase(storage.options)).close();
    const { databaseUrl = '', schema = '' } = storage.options;
    return {
      args: [],
      env: { DATABASE_URL: databaseUrl, PGOPTIONS: `-c search_path=${schema}` },
      options: storage.options,
    };
  }

  it('writes the requested number of tickets, with the reference data they need', async () => {
    const { args, env, options } = await target();
    const { stdout } = await seed(['--tickets', '12', ...args], env);
    expect(stdout).toMatch(/Seeded 12 tickets and \d+ comments into/);

    const db = await openDatabase(options);
    try {
      expect(await count(db, 'tickets')).toBe(12);
      expect(await count(db, 'users')).toBeGreaterThan(5);
    } finally {
      await db.close();
    }
  });
});

it('npm run seed refuses a ticket count that is not a positive whole number, and writes nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-seed-'));
  try {
    await expect(seed(['--tickets', '0', '--data-dir', dataDir], {})).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--tickets must be a positive whole number'),
    });
    expect(readdirSync(dataDir)).toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
