import {
  getProperty,
  getQueryMatcher,
  getSortComparator,
  type PreparedQuery,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
} from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
  RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';

/**
 * RxDB's Dexie storage, with queries that read IndexedDB in batches.
 *
 * RxDB's Dexie query walks its index with a cursor, one IndexedDB request per document: the queue's first page of
 * 100 rows took ~21 ms where a raw Dexie `limit(100)` (one `getAll`) took ~1 ms, and a page further down (skip 500)
 * walks 600 documents. Here the same plan (index, key range, whether the index already gives the sort order and
 * the selector) is read with `getAll(range, n)`:
 * - sorted by the index, with a limit: batches of skip + limit documents (the first batch usually suffices); when
 *   the selector needs a check beyond the index, further batches continue strictly after the last index key read
 *   (every RxDB index ends with the primary key, so index keys are unique and nothing is read twice or skipped);
 * - otherwise: the whole range in one request, then checked and sorted as RxDB would;
 * - a selector that names at most BY_IDS_MAX primary keys (`namedIds`): those documents, checked and sorted.
 * Answers are exactly the plain storage's (tested against it); only the number of requests changes.
 *
 * RxDB internals it touches (rxdb pinned to 17.6.0): it replaces `query` on the Dexie storage instance and reads
 * through `internals` (the Dexie table and its `_options.IDBKeyRange`), the query plan (`index` ending with the
 * primary key, `sortSatisfiedByIndex`, `selectorSatisfiedByIndex`), `getKeyRangeByQueryPlan`, the Dexie index
 * naming (`[a+b]`, `dexieReplaceIfStartsWithPipe`) and `fromDexieToStorage`. RxDB's public query API has no batch
 * size; the only way to change how a query reads IndexedDB is a storage. Contract test: rxdb-contract.test.ts,
 * "batched-query-storage.ts".
 */

type Doc = { [key: string]: unknown };
type DexieInstance = RxStorageInstanceDexie<Doc>;

/** Smallest batch when the selector filters beyond the index (a page of 20 rows may need many more reads). */
const MIN_FILTERED_BATCH = 200;

export function withBatchedQueries<S extends RxStorage<unknown, unknown>>(base: S): S {
  return {
    ...base,
    async createStorageInstance<D>(params: RxStorageInstanceCreationParams<D, unknown>) {
      const instance = await base.createStorageInstance(params);
      if (instance instanceof RxStorageInstanceDexie) {
        const dexie = instance as unknown as DexieInstance;
        dexie.query = (prepared) => batchedQuery(dexie, prepared);
      }
      return instance as RxStorageInstance<D, unknown, unknown>;
    },
  };
}

/** A selector naming at most this many primary keys is answered by reading those documents (see `namedIds`). */
export const BY_IDS_MAX = 3000;

async function batchedQuery(instance: DexieInstance, prepared: PreparedQuery<Doc>): Promise<RxStorageQueryResult<Doc>> {
  const { query, queryPlan } = prepared;
  const skip = query.skip ?? 0;
  const want = typeof query.limit === 'number' ? skip + query.limit : Number.POSITIVE_INFINITY;
  const named = namedIds(query.selector, instance.primaryPath);
  if (named) {
    const docs = await instance.findDocumentsById(named, false);
    const found = docs.filter(getQueryMatcher(instance.schema, query)).sort(getSortComparator(instance.schema, query));
    return { documents: found.slice(skip, want) };
  }
  const state = await instance.internals;
  const matches = queryPlan.selectorSatisfiedByIndex ? null : getQueryMatcher(instance.schema, query);
  const KeyRange = state.dexieDb._options.IDBKeyRange ?? globalThis.IDBKeyRange;
  let range: IDBKeyRange;
  try {
    range = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, KeyRange);
  } catch (error) {
    if ((error as { name?: string }).name === 'DataError') return { documents: [] };
    throw error;
  }
  const fields = queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field));
  const indexName = `[${fields.join('+')}]`;
  const inOrder = queryPlan.sortSatisfiedByIndex && Number.isFinite(want);

  let rows: RxDocumentData<Doc>[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (dexieTx) => {
    const index = dexieTx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName);
    let next: IDBKeyRange | null = range;
    while (next !== null) {
      const batch = inOrder ? Math.max(want - rows.length, matches ? MIN_FILTERED_BATCH : 1) : undefined;
      const raw = await getAll(index, next, batch);
      for (const stored of raw) {
        const doc = fromDexieToStorage(state.booleanIndexes, stored) as RxDocumentData<Doc>;
        if (!matches || matches(doc)) rows.push(doc);
      }
      const last = raw.at(-1);
      next =
        inOrder && batch !== undefined && raw.length === batch && rows.length < want && last !== undefined
          ? KeyRange.bound(
              fields.map((field) => getProperty(last, field)),
              range.upper,
              true,
              range.upperOpen,
            )
          : null;
    }
  });
  if (!queryPlan.sortSatisfiedByIndex) rows = rows.sort(getSortComparator(instance.schema, query));
  return { documents: rows.slice(skip, want) };
}

function getAll(index: IDBIndex, range: IDBKeyRange, count: number | undefined): Promise<Doc[]> {
  return new Promise((resolve, reject) => {
    const request = index.getAll(range, count);
    request.onsuccess = () => resolve(request.result as Doc[]);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The primary keys a selector is limited to (`{ id: { $in: [...] } }`, e.g. a text search's candidates from the
 * title index), when they are few: reading them is cheaper than walking an index range and checking every document.
 */
function namedIds(selector: PreparedQuery<Doc>['query']['selector'], primaryPath: string): string[] | null {
  const condition = (selector as Record<string, unknown>)[primaryPath];
  if (typeof condition !== 'object' || condition === null) return null;
  const ids = (condition as { $in?: unknown }).$in;
  if (!Array.isArray(ids) || ids.length > BY_IDS_MAX || Object.keys(condition).length !== 1) return null;
  return ids.filter((id): id is string => typeof id === 'string');
}
