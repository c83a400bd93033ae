import { afterEach } from 'vitest';
import type { Database, Engine } from './database';
import { openTestDatabase, type TestStorage } from './test-databases';

/**
 * A fresh database for each test that asks for one, closed and dropped after the test:
 * `const openDb = databasePerTest(engine)` in a describe block, then `const db = await openDb()` in a test.
 */
export function databasePerTest(engine: Engine): (options?: { migrated?: boolean }) => Promise<Database> {
  let opened: { db: Database; storage: TestStorage } | undefined;
  afterEach(async () => {
    await opened?.db.close();
    await opened?.storage.drop();
    opened = undefined;
  });
  return async (options = {}) => {
    opened = await openTestDatabase(engine, options);
    return opened.db;
  };
}
