import type { Database } from './database';
import { openPostgres, type PgWaits } from './pg';
import { openPglite } from './pglite';

export interface StorageOptions {
  /** PostgreSQL connection string; when absent the server uses embedded PGlite. */
  databaseUrl?: string;
  /** PGlite's data directory; absent means in-memory (tests). Ignored with `databaseUrl`. */
  dataDir?: string;
  /** PostgreSQL only: the schema to work in (tests use one per run). */
  schema?: string;
  /** PostgreSQL only: bounded waits and keepalives (pg.ts has the defaults). */
  waits?: Partial<PgWaits>;
  /** PGlite only: start from this snapshot (tests start from a migrated template). */
  pgliteSnapshot?: Blob;
  onError?: (error: Error) => void;
}

export const DEFAULT_DATA_DIR = './data';

/** Where the server and its tools keep data: DATABASE_URL when set, else the PGlite directory (flag, DATA_DIR, ./data). */
export function storageFrom(dataDirFlag: string | undefined, env: NodeJS.ProcessEnv): StorageOptions {
  const databaseUrl = env.DATABASE_URL || undefined;
  return databaseUrl ? { databaseUrl } : { dataDir: dataDirFlag ?? env.DATA_DIR ?? DEFAULT_DATA_DIR };
}

/** The database location without credentials, for logs and messages. */
export function describeStorage(options: StorageOptions): string {
  if (options.databaseUrl) {
    try {
      const url = new URL(options.databaseUrl);
      return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
    } catch {
      return 'PostgreSQL';
    }
  }
  return `embedded PGlite in ${options.dataDir ?? 'memory'}`;
}

export function openDatabase(options: StorageOptions): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres({
      connectionString: options.databaseUrl,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.waits === undefined ? {} : { waits: options.waits }),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return openPglite({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.pgliteSnapshot === undefined ? {} : { snapshot: options.pgliteSnapshot }),
  });
}
