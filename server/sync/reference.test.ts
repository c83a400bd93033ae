import { describe, expect, it } from 'vitest';
import { makeQueue } from '../../shared/testing/fixtures';
import { databasePerTest } from '../db/database-per-test';
import { TEST_ENGINES } from '../db/test-databases';
import { ReferenceCache } from './reference';
import { writeReferenceDocs } from './store';

describe.each(TEST_ENGINES)('reference cache on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('serves the same data until a reference table changes, then the change, whoever wrote it', async () => {
    const db = await openDb();
    const cache = new ReferenceCache();
    await writeReferenceDocs(db, 'queues', [{ doc: makeQueue({ id: 'q-1', name: 'Desk' }), seq: 1 }]);
    const first = await cache.current(db);
    expect(first.queues.get('q-1')?.name).toBe('Desk');
    expect(await cache.current(db)).toBe(first);

    await writeReferenceDocs(db, 'queues', [{ doc: makeQueue({ id: 'q-1', name: 'Renamed' }), seq: 2 }]);
    expect((await cache.current(db)).queues.get('q-1')?.name).toBe('Renamed');

    // A write outside the server's code (an operator's SQL) is noticed too.
    await db.query('UPDATE queues SET deleted = true');
    expect((await cache.current(db)).queues.size).toBe(0);
  });

  it('a rolled-back change is never served, even once another change has committed', async () => {
    const db = await openDb();
    const cache = new ReferenceCache();
    await writeReferenceDocs(db, 'queues', [{ doc: makeQueue({ id: 'q-1', name: 'Desk' }), seq: 1 }]);
    await expect(
      db.transaction(async (tx) => {
        await writeReferenceDocs(tx, 'queues', [{ doc: makeQueue({ id: 'q-1', name: 'Never' }), seq: 2 }]);
        expect((await cache.current(tx)).queues.get('q-1')?.name).toBe('Never');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await cache.current(db)).queues.get('q-1')?.name).toBe('Desk');
    await writeReferenceDocs(db, 'queues', [{ doc: makeQueue({ id: 'q-1', name: 'Later' }), seq: 3 }]);
    expect((await cache.current(db)).queues.get('q-1')?.name).toBe('Later');
  });
});
