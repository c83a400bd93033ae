/**
 * The databases server tests run against: embedded PGlite (in memory) always, and the PostgreSQL at DATABASE_URL
 * when it is set, each test run in a fresh schema of its own that is dropped afterwards.
 *
 * Creating a PGlite cluster runs initdb in WebAssembly (seconds); tests instead load a migrated snapshot that the
 * first test process writes to the temp directory, keyed by the migrations' content.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, Engine } from './database';
import { loadMigrations, migrate } from './migrate';
import { openDatabase, type StorageOptions } from './open';
import { openPglite } from './pglite';

export interface TestStorage {
  engine: Engine;
  /** Options that open (another connection to) this storage; a second server on the same database uses them. */
  options: StorageOptions;
  /** Removes what the run created (the schema). */
  drop(): Promise<void>;
}

export const TEST_ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Storage for one test run. `migrated: false` gives an empty database (for the migration tests themselves). */
export async function testStorage(engine: Engine, { migrated = true } = {}): Promise<TestStorage> {
  const url = process.env.DATABASE_URL;
  if (engine === 'pglite' || !url) {
    const options: StorageOptions = migrated ? { pgliteSnapshot: await migratedSnapshot() } : {};
    return { engine: 'pglite', options, drop: async () => undefined };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    engine,
    // The suite runs many servers side by side on two cores, where a lock can be queued for seconds; the production
    // bounds (pg.ts) are tested where they are the subject (test/server/stuck-process.test.ts).
    options: { databaseUrl: url, schema, waits: { lockTimeoutMs: 30_000, idleInTransactionMs: 30_000 } },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function openTestDatabase(
  engine: Engine,
  options: { migrated?: boolean } = {},
): Promise<{ db: Database; storage: TestStorage }> {
  const storage = await testStorage(engine, options);
  const db = await openDatabase(storage.options);
  if (options.migrated !== false) await migrate(db);
  return { db, storage };
}

let cached: Promise<Blob> | undefined;

function migratedSnapshot(): Promise<Blob> {
  cached ??= loadOrCreateSnapshot();
  return cached;
}

async function loadOrCreateSnapshot(): Promise<Blob> {
  const key = createHash('sha256').update(JSON.stringify(loadMigrations())).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `itsm-server-pglite-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await openPglite();
  try {
    await migrate(db);
    const blob = await db.snapshot();
    // Write then rename, so a concurrent test process never reads a half-written file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, new Uint8Array(await blob.arrayBuffer()));
    renameSync(partial, file);
    return blob;
  } finally {
    await db.close();
  }
}
