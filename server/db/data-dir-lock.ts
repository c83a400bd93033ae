/**
 * One process per PGlite data directory. PGlite takes no lock of its own: two processes on one directory both
 * acknowledged writes and afterwards lost half of them (issue 20). Whoever opens a data directory (the server,
 * `npm run seed`, `npm run admin`) first creates `itsm.lock` in it, naming its PID, and removes it when it closes.
 *
 * A lock whose process is gone (killed, crashed, machine restarted) is stale: the next process takes it over. The
 * lock file is created in one step (a hard link of a fully written file), so nobody ever reads half of one; taking
 * over a stale lock renames it away first, so of two processes taking over the same stale lock only one wins.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'itsm.lock';

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Holder,
  ) {
    const who = holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
    super(
      `The data directory ${dataDir} is in use by ${who} (${holder.command}, since ${holder.since}). ` +
        'Only one process may open a PGlite data directory: stop that process first, or use another --data-dir. ' +
        `If no such process is running, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Takes the lock of `dataDir` (creating the directory if needed) or throws DataDirLockedError naming its holder. */
export function lockDataDir(dataDir: string, command = describeCommand()): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${JSON.stringify(mine)}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (tryLink(draft, path)) return held(path);
      const holder = readHolder(path);
      if (holder === 'gone') continue;
      if (holder === 'unreadable')
        throw new Error(`${path} is not a lock file this server wrote: if no server uses ${dir}, delete it`);
      if (isAlive(holder)) throw new DataDirLockedError(dir, holder);
      takeOverStale(path, holder);
    }
    throw new Error(`Could not lock ${dir}: its lock file ${path} keeps changing; try again`);
  } finally {
    unlinkSync(draft);
  }
}

function held(path: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never remove one another process took over meanwhile.
    const holder = readHolder(path);
    if (holder !== 'gone' && holder !== 'unreadable' && holder.pid === process.pid && holder.host === hostname())
      unlinkSync(path);
  };
  // A process that exits without closing its database (an error on the way out) leaves no lock behind.
  process.on('exit', release);
  return { path, release };
}

function tryLink(draft: string, path: string): boolean {
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(path: string): Holder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return 'unreadable';
    return {
      pid: value.pid,
      host: value.host,
      command: String(value.command ?? '?'),
      since: String(value.since ?? '?'),
    };
  } catch {
    return 'unreadable';
  }
}

/** Whether the holder still runs. A lock taken on another machine (a shared disk) cannot be checked: it counts. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return codeOf(error) === 'EPERM';
  }
}

/**
 * Moves the stale lock aside and deletes it. If what was moved is not the stale lock judged (another process took it
 * over in between), it is put back, and the next attempt reads its new holder.
 */
function takeOverStale(path: string, judged: Holder): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  const same = typeof moved === 'object' && moved.pid === judged.pid && moved.since === judged.since;
  if (!same) tryLink(aside, path);
  unlinkSync(aside);
}

function describeCommand(): string {
  const script = process.argv[1]?.split(/[\\/]/).slice(-2).join('/') ?? 'node';
  return [script, ...process.argv.slice(2)].join(' ').slice(0, 200);
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
