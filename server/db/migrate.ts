/**
 * Applies the numbered SQL files in ./migrations in order, each exactly once and each as one script (PostgreSQL parses
 * it, so statements may span lines and hold semicolons), all pending ones in one transaction (so a failed start
 * leaves the database as it was). An advisory lock makes concurrent starts of several server
 * processes on one database wait for each other instead of applying a migration twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;
// Any constant works; it only has to be the same in every process.
const MIGRATION_LOCK = 4_100_001;

export function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .map((file) => ({ file, match: FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

/** Applies pending migrations (up to `upTo` when given) and returns the versions it applied. */
export async function migrate(db: Database, options: { upTo?: number } = {}): Promise<number[]> {
  const migrations = loadMigrations().filter((m) => options.upTo === undefined || m.version <= options.upTo);
  return db.transaction(async (tx) => {
    // A migration may rewrite a big table and wait for other processes' locks: no time limit on it (pg.ts sets one
    // for every statement and lock wait of normal work).
    await tx.query('SET LOCAL statement_timeout = 0');
    await tx.query('SET LOCAL lock_timeout = 0');
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
