import { describe, expect, it } from 'vitest';
import type { Database } from './database';
import { databasePerTest } from './database-per-test';
import { loadMigrations, migrate } from './migrate';
import { TEST_ENGINES } from './test-databases';

/** Every table, index, sequence, function and trigger in the run's schema. */
async function schemaObjects(db: Database): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT c.relname || ' ' || c.relkind::text AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
     UNION ALL
     SELECT p.proname || ' function' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema()
     UNION ALL
     SELECT t.tgname || ' trigger on ' || c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal
     ORDER BY 1`,
  );
  return result.rows.map((row) => row.name);
}

const versions = async (db: Database) =>
  (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
    (row) => row.version,
  );

describe.each(TEST_ENGINES)('a failing migration on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('leaves nothing of itself behind, not even its schema_migrations row, and applies once the cause is gone', async () => {
    const db = await openDb({ migrated: false });
    expect(await migrate(db, { upTo: 2 })).toEqual([1, 2]);
    // A trigger named like 003's last statement's: 003 fails at its end, after creating its sequence, table,
    // function and three triggers.
    await db.query('CREATE FUNCTION blocker() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$');
    await db.query('CREATE TRIGGER catalog_version AFTER INSERT ON catalog EXECUTE FUNCTION blocker()');
    const before = await schemaObjects(db);

    await expect(migrate(db)).rejects.toThrow(/catalog_version/);
    expect(await schemaObjects(db)).toEqual(before);
    expect(await versions(db)).toEqual([1, 2]);

    await db.query('DROP TRIGGER catalog_version ON catalog');
    const pending = loadMigrations()
      .map((m) => m.version)
      .filter((version) => version > 2);
    expect(await migrate(db)).toEqual(pending);
    expect(await versions(db)).toEqual([1, 2, ...pending]);
  });
});
