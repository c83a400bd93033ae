import {
  type BulkWriteRow,
  categorizeBulkWriteRows,
  type EventBulk,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { Subject } from 'rxjs';

/**
 * RxDB's Dexie storage, made cheap for the first download of a replica.
 *
 * For every document a pull brings, RxDB's replication reads the replica's copy and the replication metadata, then
 * writes both, and each write reads the rows again first: six IndexedDB requests per document where a plain bulk
 * put needs one (measured: the initial sync ran at ~15 % of raw Dexie's rate). On a fresh replica every one of those
 * reads finds nothing.
 *
 * So each storage instance (a collection, or a replication's metadata) whose table is empty when it opens keeps the
 * set of primary keys it may hold, `known`, while the store is bootstrapping:
 * - `findDocumentsById` asks IndexedDB only for ids in `known` (the others cannot exist);
 * - a `bulkWrite` made only of inserts of ids not in `known` is written without reading first (there is nothing to
 *   read, so there can be no conflict); it uses IndexedDB `add`, so a row whose id exists after all (written by
 *   something else on the same replica) fails and is written again the plain way, conflict check included.
 * Guarantee: `known` is always a superset of the ids in the table — ids are added synchronously before any write
 * is started, and documents are never removed except by `cleanup`/`remove`, which only shrink the table. A superset
 * only ever costs a read; answers are the same as the plain storage's. When the store's initial sync is over (or the
 * set grows past KNOWN_IDS_MAX) tracking stops for good and the instance behaves exactly like the plain one.
 *
 * RxDB internals it touches (rxdb pinned to 17.6.0): it replaces `bulkWrite` and `findDocumentsById` on the Dexie
 * storage instance, writes through `internals.dexieTable` with `fromStorageToDexie` and `categorizeBulkWriteRows`,
 * and emits its change events on the instance's TypeScript-private `changes$`, whose {id, lwt} checkpoints it sets.
 * The public API has no way to write a fresh replica without RxDB's reads (only RxDB's premium storages are faster).
 * Contract test: rxdb-contract.test.ts, "known-ids-storage.ts".
 */

export const KNOWN_IDS_MAX = 1_000_000;

type Doc = { [key: string]: unknown };
type AnyDoc = RxDocumentData<Doc>;
type DexieInstance = RxStorageInstanceDexie<Doc>;

export interface KnownIdsStorage extends RxStorage<unknown, unknown> {
  /** Stop tracking ids in every instance of this storage (the initial sync is over); frees the sets. */
  endBootstrap(): void;
}

export function withKnownIds(base: RxStorage<unknown, unknown>): KnownIdsStorage {
  const tracked = new Set<{ stop(): void }>();
  let ended = false;
  return {
    name: base.name,
    rxdbVersion: base.rxdbVersion,
    async createStorageInstance<D>(params: RxStorageInstanceCreationParams<D, unknown>) {
      const instance = await base.createStorageInstance(params);
      if (!ended && instance instanceof RxStorageInstanceDexie) {
        const tracker = await track(instance as unknown as DexieInstance);
        if (tracker) tracked.add(tracker);
      }
      return instance as RxStorageInstance<D, unknown, unknown>;
    },
    endBootstrap() {
      ended = true;
      for (const tracker of tracked) tracker.stop();
      tracked.clear();
    },
  };
}

async function track(instance: DexieInstance): Promise<{ stop(): void } | null> {
  const state = await instance.internals;
  // One key is enough to know the table is not empty (count() walks every row: seconds for a large replica).
  if ((await state.dexieTable.limit(1).primaryKeys()).length > 0) return null;
  let known: Set<string> | null = new Set();
  const primaryPath = instance.primaryPath as string;
  const idOf = (row: BulkWriteRow<Doc>) => row.document[primaryPath] as string;
  const plainBulkWrite = instance.bulkWrite;
  const plainFind = instance.findDocumentsById;
  const stop = () => {
    known = null;
    instance.bulkWrite = plainBulkWrite;
    instance.findDocumentsById = plainFind;
  };

  instance.findDocumentsById = async function findDocumentsById(ids, deleted) {
    if (!known || instance.closed) return plainFind.call(instance, ids, deleted);
    const present = ids.filter((id) => known?.has(id));
    if (present.length === 0) return [];
    return plainFind.call(instance, present, deleted);
  };

  instance.bulkWrite = async function bulkWrite(rows, context): Promise<RxStorageBulkWriteResponse<Doc>> {
    if (!known || instance.closed) return plainBulkWrite.call(instance, rows, context);
    const internals = await instance.internals;
    // Decide and start the transaction in one synchronous step, so a concurrent write cannot slip in between.
    const set: Set<string> | null = known;
    const fresh =
      set !== null &&
      rows.every(
        (row) =>
          !row.previous &&
          row.document._rev &&
          Object.keys(row.document._attachments ?? {}).length === 0 &&
          !set.has(idOf(row)),
      );
    for (const row of rows) set?.add(idOf(row));
    if (set && set.size > KNOWN_IDS_MAX) stop();
    if (!fresh) return plainBulkWrite.call(instance, rows, context);
    let events: EventBulk<RxStorageChangeEvent<AnyDoc>, RxStorageDefaultCheckpoint> | null = null;
    let errors: RxStorageBulkWriteResponse<Doc>['error'] = [];
    const taken = new Set<string>();
    await internals.dexieDb.transaction('rw', internals.dexieTable, async () => {
      const categorized = categorizeBulkWriteRows<Doc>(instance, primaryPath as never, new Map(), rows, context);
      errors = categorized.errors;
      events = categorized.eventBulk;
      const inserts = categorized.bulkInsertDocs;
      const docs = inserts.map((row) => fromStorageToDexie(internals.booleanIndexes, row.document));
      // add, not put: should anything else have written one of these ids (another tab on the same replica), that
      // row fails instead of overwriting it, and goes through the plain write below (which reports the conflict).
      if (docs.length > 0)
        await internals.dexieTable.bulkAdd(docs).catch((error: unknown) => {
          const failures = (error as { name?: string; failuresByPos?: Record<string, unknown> }).failuresByPos;
          if ((error as { name?: string }).name !== 'BulkError' || !failures) throw error;
          for (const position of Object.keys(failures)) {
            const row = inserts[Number(position)];
            if (row) taken.add(idOf(row));
          }
        });
    });
    const bulk = events as EventBulk<RxStorageChangeEvent<AnyDoc>, RxStorageDefaultCheckpoint> | null;
    if (bulk && taken.size > 0) bulk.events = bulk.events.filter((event) => !taken.has(event.documentId));
    // The checkpoint is the newest (lwt, id) written, not the last row's: a bulk shares one lwt and its ids come in
    // server order, so the last row's id would leave most of the bulk "after" the checkpoint, and RxDB's upstream
    // would read it all again at the next start to find nothing to push.
    const newest = bulk?.events.reduce<AnyDoc | undefined>(
      (max, event) => (max === undefined || isAfter(event.documentData, max, primaryPath) ? event.documentData : max),
      undefined,
    );
    if (bulk && newest) {
      bulk.checkpoint = { id: newest[primaryPath] as string, lwt: newest._meta.lwt };
      // The plain bulkWrite emits its change events on this (TypeScript-private) subject; RxDB listens to it.
      (instance as unknown as { changes$: Subject<typeof bulk> }).changes$.next(bulk);
    }
    if (taken.size > 0) {
      const again = await plainBulkWrite.call(
        instance,
        rows.filter((row) => taken.has(idOf(row))),
        context,
      );
      errors = [...errors, ...again.error];
    }
    return { error: errors };
  };

  return { stop };
}

/** Whether `a` comes after `b` in the order of RxDB's change checkpoints: last-write time, then primary key. */
function isAfter(a: AnyDoc, b: AnyDoc, primaryPath: string): boolean {
  if (a._meta.lwt !== b._meta.lwt) return a._meta.lwt > b._meta.lwt;
  return (a[primaryPath] as string) > (b[primaryPath] as string);
}
