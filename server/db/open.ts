import type { Database } from './database';
import { openPostgres } from './pg';
import { openPglite } from './pglite';

export interface StorageOptions {
  /** PostgreSQL connection string; when absent the server uses embedded PGlite. */
  databaseUrl?: string;
  /** PGlite's data directory; absent means in-memory (tests). Ignored with `databaseUrl`. */
  dataDir?: string;
  /** PostgreSQL only: the schema to work in (tests use one per run). */
  schema?: string;
  /** PGlite only: start from this snapshot (tests start from a migrated template). */
  pgliteSnapshot?: Blob;
  onError?: (error: Error) => void;
}

export function openDatabase(options: StorageOptions): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres({
      connectionString: options.databaseUrl,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return openPglite({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.pgliteSnapshot === undefined ? {} : { snapshot: options.pgliteSnapshot }),
  });
}
