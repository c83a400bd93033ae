import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock';
import { openPglite } from './pglite';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-lock-'));
  dirs.push(dir);
  return dir;
};
const writeLock = (dir: string, pid: number, host = hostname()) =>
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host, command: 'server/main.ts', since: 'earlier' }));

/** The PID of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data directory lock', () => {
  it('is held while a PGlite database is open and gone once it is closed', async () => {
    const dir = newDir();
    const db = await openPglite({ dataDir: dir });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(openPglite({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await db.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const again = await openPglite({ dataDir: dir });
    await again.close();
  });

  it('refuses a directory a running process holds, naming the process and the directory', () => {
    const dir = newDir();
    writeLock(dir, process.ppid);
    expect(() => lockDataDir(dir)).toThrow(
      `The data directory ${dir} is in use by process ${process.ppid} (server/main.ts, since earlier)`,
    );
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('takes over a lock whose process is gone', () => {
    const dir = newDir();
    writeLock(dir, deadPid());
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('counts a lock taken on another machine (a shared disk) as held', () => {
    const dir = newDir();
    writeLock(dir, deadPid(), 'other-host');
    expect(() => lockDataDir(dir)).toThrow(/in use by process \d+ on other-host/);
  });

  it('leaves a lock it does not understand alone and says how to clear it', () => {
    const dir = newDir();
    writeFileSync(join(dir, LOCK_FILE), 'not json');
    expect(() => lockDataDir(dir)).toThrow(`is not a lock file this server wrote: if no server uses ${dir}, delete it`);
  });
});
