import { IDBFactory, IDBIndex, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { createRxDatabase, type MangoQuery, type RxCollection, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBatchedQueries } from './batched-query-storage';

interface Row {
  id: string;
  queueId: string;
  openKey: number;
  status: string;
  urgent: boolean;
}

const schema: RxJsonSchema<Row> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    queueId: { type: 'string', maxLength: 20 },
    openKey: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 1 },
    status: { type: 'string' },
    urgent: { type: 'boolean' },
  },
  required: ['id', 'queueId', 'openKey', 'status', 'urgent'],
  indexes: [['queueId', 'openKey'], 'openKey', ['urgent', 'openKey']],
};

const QUEUES = ['a', 'b', 'c'];
const STATUSES = ['new', 'open', 'closed'];

async function open(name: string, storage: RxStorage<unknown, unknown>, rows: Row[]) {
  const db = await createRxDatabase<{ rows: RxCollection<Row> }>({ name, storage, multiInstance: false });
  await db.addCollections({ rows: { schema } });
  await db.rows.bulkInsert(rows);
  return db;
}

// The same 600 rows (many equal openKeys, so index order depends on the id too) in a plain and a batched store.
const rows: Row[] = Array.from({ length: 600 }, (_, i) => ({
  id: `t${String(i).padStart(4, '0')}`,
  queueId: QUEUES[(i * 7) % 3] as string,
  openKey: (i * 37) % 50,
  status: STATUSES[(i * 11) % 3] as string,
  urgent: i % 4 === 0,
}));
let plain: Awaited<ReturnType<typeof open>>;
let batched: Awaited<ReturnType<typeof open>>;
let batchedIndexedDb: IDBFactory;

beforeAll(async () => {
  const plainStorage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
  batchedIndexedDb = new IDBFactory();
  plain = await open('plain', plainStorage, rows);
  batched = await open(
    'batched',
    withBatchedQueries(getRxStorageDexie({ indexedDB: batchedIndexedDb, IDBKeyRange })),
    rows,
  );
});
afterAll(async () => {
  await plain.close();
  await batched.close();
});

const ids = async (db: typeof plain, query: MangoQuery<Row>) => (await db.rows.find(query).exec()).map((d) => d.id);

const queryArb: fc.Arbitrary<MangoQuery<Row>> = fc
  .record(
    {
      queue: fc.option(fc.constantFrom(...QUEUES), { nil: undefined }),
      from: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      below: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      // A condition no index serves: the storage must check rows beyond the index range.
      status: fc.option(fc.subarray(STATUSES, { minLength: 1 }), { nil: undefined }),
      urgent: fc.option(fc.boolean(), { nil: undefined }),
      // Documents named by id (a text search's candidates), some of them not in the store.
      named: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 650 }), { maxLength: 60 }), { nil: undefined }),
      sort: fc.constantFrom<MangoQuery<Row>['sort']>(
        [{ openKey: 'asc' }, { id: 'asc' }],
        [{ id: 'asc' }],
        [{ status: 'asc' }, { id: 'asc' }],
        [{ openKey: 'desc' }, { id: 'asc' }],
      ),
      skip: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
      limit: fc.option(fc.integer({ min: 1, max: 250 }), { nil: undefined }),
    },
    { requiredKeys: ['sort'] },
  )
  .map(({ queue, from, below, status, urgent, named, sort, skip, limit }) => {
    const openKey = { ...(from !== undefined ? { $gte: from } : {}), ...(below !== undefined ? { $lt: below } : {}) };
    return {
      selector: {
        ...(queue ? { queueId: queue } : {}),
        ...(Object.keys(openKey).length > 0 ? { openKey } : {}),
        ...(status ? { status: { $in: status } } : {}),
        ...(urgent !== undefined ? { urgent } : {}),
        ...(named ? { id: { $in: named.map((n) => `t${String(n).padStart(4, '0')}`) } } : {}),
      },
      sort,
      ...(skip !== undefined ? { skip } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
  });

describe('Dexie storage reading query results in batches', () => {
  it('answers every query exactly like the plain storage (index ranges, checks beyond the index, sorts, skip/limit)', async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, async (query) => {
        expect(await ids(batched, query)).toEqual(await ids(plain, query));
      }),
      { numRuns: 150 },
    );
  });

  it('reads a queue page sorted by its index in one request instead of one per row', async () => {
    const query: MangoQuery<Row> = {
      selector: { queueId: 'b', openKey: { $gte: 0 } },
      sort: [{ openKey: 'asc' }, { id: 'asc' }],
      skip: 40,
      limit: 60,
    };
    const index = IDBIndex.prototype;
    const counts = { getAll: 0, openCursor: 0 };
    const getAll = index.getAll;
    const openCursor = index.openCursor;
    index.getAll = function (...args: Parameters<typeof getAll>) {
      counts.getAll++;
      return getAll.apply(this, args);
    };
    index.openCursor = function (...args: Parameters<typeof openCursor>) {
      counts.openCursor++;
      return openCursor.apply(this, args);
    };
    try {
      const page = await ids(batched, query);
      expect(page).toHaveLength(60);
      expect(page).toEqual(await ids(plain, query));
    } finally {
      index.getAll = getAll;
      index.openCursor = openCursor;
    }
    expect(counts.getAll).toBe(1);
  });
});
