import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../server/db/test-databases';
import { countRows, type ProcessStorage, processStorage, runTool } from './processes';

/** `npm run seed` as an operator runs it: a separate process, writing into the storage its flags and env name. */
const seed = (args: string[], storage: Pick<ProcessStorage, 'args' | 'env'>) =>
  runTool('server/seed-cli.ts', [...args, ...storage.args], { env: storage.env });

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

    const counts = await countRows(storage.options, ['tickets', 'users']);
    expect(counts.tickets).toBe(12);
    expect(counts.users).toBeGreaterThan(5);
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
    expect(await countRows(storage.options, ['tickets', 'users'])).toEqual({ tickets: 0, users: 1 });
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
