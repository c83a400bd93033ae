import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServer, runTool, type ServerProcess } from './processes';

/**
 * Two PGlite servers on one data directory both acknowledged writes and lost half of them afterwards (issue 20):
 * a second process on a directory in use is refused, naming the process that holds it.
 */
describe('one process per PGlite data directory', () => {
  let dataDir: string;
  let first: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-datadir-'));
    first = runServer(['--demo', '--tickets', '0', '--port', '0', '--data-dir', dataDir]);
    await first.ready;
  }, 120_000);
  afterAll(async () => {
    await first?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same directory and says which process holds it', async () => {
    const second = runServer(['--demo', '--tickets', '0', '--port', '0', '--data-dir', dataDir]);
    const finished = await second.refusal();
    expect(finished).toMatchObject({ started: false, code: 1 });
    expect(finished.stdout).not.toContain('sync server ready');
    expect(finished.stderr).toContain(`The data directory ${dataDir} is in use by process ${first.child.pid}`);
    expect(finished.stderr).toContain('stop that process first, or use another --data-dir');
    // The first server still serves.
    expect((await fetch(`${await first.ready}/api/health`)).status).toBe(200);
  }, 120_000);

  it('refuses npm run seed on a directory a server holds, and writes nothing', async () => {
    const seq = async () => ((await (await fetch(`${await first.ready}/api/health`)).json()) as { seq: number }).seq;
    const before = await seq();
    const finished = await runTool('server/seed-cli.ts', ['--tickets', '5', '--data-dir', dataDir]);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain(`is in use by process ${first.child.pid}`);
    expect(await seq()).toBe(before);
  }, 120_000);

  it('lets the next server in once the first has stopped', async () => {
    await first.stop();
    const next = runServer(['--port', '0', '--demo', '--data-dir', dataDir]);
    try {
      expect((await fetch(`${await next.ready}/api/health`)).status).toBe(200);
    } finally {
      await next.stop();
    }
  }, 120_000);
});
