import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';
import { TEST_ENGINES } from '../../server/db/test-databases';
import { type ProcessStorage, processStorage, runTool } from './processes';

/** `npm run seed` as an operator runs it: a separate process, writing into the storage its flags and env name. */
const seed = (args: string[], storage: Pick<ProcessStorage, 'args' | 'env'>) =>
  runTool('server/seed-cli.ts', [...args, ...storage.args], { env: storage.env });

async function count(db: Database, table: string): Promise<number> {
  const result = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
  return result.rows[0]?.n ?? 0;
}

describe.each(TEST_ENGINES)('npm run seed on %s', (engine) => {
  const storages: ProcessStorage[] = [];
  afterEach(async () => {
    for (const storage of storages.splice(0)) await storage.drop();
  });
  const newStorage = async () => {
    const storage = await processStorage(engine);
    storages.push(storage);
    return storage;
  };

  it('writes the requested number of tickets, with the reference data they need', async () => {
    const storage = await newStorage();
    const finished = await seed(['--tickets', '12'], storage);
    expect(finished.stdout).toMatch(/Seeded 12 tickets and \d+ comments into/);

    const db = await openDatabase(storage.options);
    try {
      expect(await count(db, 'tickets')).toBe(12);
      expect(await count(db, 'users')).toBeGreaterThan(5);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('refuses to put demo tickets and accounts into a desk that is not the demo desk', async () => {
    const storage = await newStorage();
    const admin = await runTool(
      'server/cli/admin.ts',
      ['create-user', '--role', 'admin', '--email', 'ops@example.com', '--name', 'Olga Ops', ...storage.args],
      { env: storage.env, input: 'a real password\n' },
    );
    expect(admin.code).toBe(0);
    const finished = await seed(['--tickets', '5'], storage);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('holds a desk that is not the demo desk');
    const db = await openDatabase(storage.options);
    try {
      expect(await count(db, 'tickets')).toBe(0);
      expect(await count(db, 'users')).toBe(1);
    } finally {
      await db.close();
    }
  }, 120_000);
});

it('npm run seed refuses a ticket count that is not a positive whole number, and writes nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-seed-'));
  try {
    const finished = await seed(['--tickets', '0'], { args: ['--data-dir', dataDir], env: {} });
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('--tickets must be a positive whole number');
    expect(readdirSync(dataDir)).toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
