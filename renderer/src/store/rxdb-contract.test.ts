import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  type BulkWriteRow,
  categorizeBulkWriteRows,
  createRxDatabase,
  type EventBulk,
  getAssumedMasterState,
  getChangedDocumentsSince,
  type MangoQuery,
  type PreparedQuery,
  type RxCollection,
  type RxDocumentData,
  type RxJsonSchema,
  type RxReplicationPullStreamItem,
  type RxReplicationWriteToMasterRow,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type WithDeleted,
} from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  fromStorageToDexie,
  getKeyRangeByQueryPlan,
  getRxStorageDexie,
  RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Contract tests: the RxDB internals and undocumented behaviours the store relies on, exercised directly against the
 * pinned rxdb (17.6.0, Dexie storage on fake-indexeddb, as the store's other tests). Each `describe` names the module
 * that depends on what it checks. When an RxDB upgrade makes one of these fail, that module's assumption no longer
 * holds: fix or drop the module before taking the upgrade (docs/architecture-notes.md, "RxDB internals the store
 * relies on").
 */

interface Note {
  id: string;
  text: string;
  n: number;
  flag: boolean;
}
const schema: RxJsonSchema<Note> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    text: { type: 'string' },
    n: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 1 },
    flag: { type: 'boolean' },
  },
  required: ['id', 'text', 'n', 'flag'],
  indexes: [['flag', 'n'], 'n'],
};
type Notes = RxCollection<Note>;
type Instance = RxStorageInstanceDexie<Note>;

const note = (id: string, text = id, n = 0, flag = false): Note => ({ id, text, n, flag });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean> | boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(5);
  }
}

let opened: { close(): Promise<unknown> }[] = [];
let dbCount = 0;
afterEach(async () => {
  await Promise.all(opened.map((db) => db.close()));
  opened = [];
});

/** A database with one `notes` collection on Dexie storage; `instances` are the raw Dexie instances it created. */
async function openNotes() {
  const dexie = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
  const instances: Instance[] = [];
  const storage: RxStorage<unknown, unknown> = {
    ...dexie,
    async createStorageInstance<D>(params: RxStorageInstanceCreationParams<D, unknown>) {
      const instance = await dexie.createStorageInstance(params as never);
      instances.push(instance as unknown as Instance);
      return instance as unknown as RxStorageInstance<D, unknown, unknown>;
    },
  };
  const db = await createRxDatabase<{ notes: Notes }>({ name: `contract-${dbCount++}`, storage, multiInstance: false });
  opened.push(db);
  await db.addCollections({ notes: { schema } });
  const instance = instances.find((i) => i.collectionName === 'notes');
  if (!instance) throw new Error('no Dexie instance for notes');
  return { db, notes: db.notes, instance };
}

describe('known-ids-storage.ts: a storage instance can be taken over for the first download', () => {
  it('the collection reads and writes through the Dexie instance methods as they are at call time', async () => {
    const { notes, instance } = await openNotes();
    expect(instance).toBeInstanceOf(RxStorageInstanceDexie);
    const calls: string[] = [];
    const plainWrite = instance.bulkWrite;
    const plainFind = instance.findDocumentsById;
    instance.bulkWrite = function (rows, context) {
      calls.push('bulkWrite');
      return plainWrite.call(this, rows, context);
    };
    instance.findDocumentsById = function (ids, deleted) {
      calls.push('findDocumentsById');
      return plainFind.call(this, ids, deleted);
    };
    await notes.insert(note('a'));
    // The replication reads the replica's copies through the collection's (wrapped) storage instance.
    await notes.storageInstance.findDocumentsById(['a', 'b'], true);
    expect(calls).toContain('bulkWrite');
    expect(calls).toContain('findDocumentsById');
  });

  it('categorizeBulkWriteRows with nothing in the database makes every row an insert, with its change events', async () => {
    const { notes, instance } = await openNotes();
    const rows: BulkWriteRow<Note>[] = ['m', 'z', 'b'].map((id) => ({
      document: { ...note(id), _deleted: false, _rev: '1-abc', _meta: { lwt: 1000 }, _attachments: {} },
    }));
    const categorized = categorizeBulkWriteRows<Note>(instance, 'id', new Map(), rows, 'contract');
    expect(categorized.errors).toEqual([]);
    expect(categorized.bulkInsertDocs.map((row) => row.document.id)).toEqual(['m', 'z', 'b']);
    expect(categorized.eventBulk.events.map((e) => [e.documentId, e.operation])).toEqual([
      ['m', 'INSERT'],
      ['z', 'INSERT'],
      ['b', 'INSERT'],
    ]);
    expect(categorized.eventBulk.events[0]?.documentData).toMatchObject({ id: 'm', _meta: { lwt: 1000 } });
    expect(categorized.eventBulk).toHaveProperty('checkpoint');
    await notes.count().exec(); // the collection is usable
  });

  it('rows converted with fromStorageToDexie and added to internals.dexieTable read back like RxDB-written ones', async () => {
    const { notes, instance } = await openNotes();
    const internals = await instance.internals;
    expect(Object.keys(internals)).toEqual(expect.arrayContaining(['dexieDb', 'dexieTable', 'booleanIndexes']));
    await notes.insert(note('plain', 'plain', 3, true));
    const [plain] = await instance.findDocumentsById(['plain'], false);
    if (!plain) throw new Error('not written');
    const added = { ...plain, id: 'added' };
    await internals.dexieDb.transaction('rw', internals.dexieTable, () =>
      internals.dexieTable.bulkAdd([fromStorageToDexie(internals.booleanIndexes, added)]),
    );
    expect(await instance.findDocumentsById(['added'], false)).toEqual([added]);
    // The index on a boolean field still finds it (booleans are stored as strings in Dexie).
    expect((await notes.find({ selector: { flag: true }, sort: [{ n: 'asc' }] }).exec()).map((d) => d.id)).toEqual([
      'added',
      'plain',
    ]);
    // add, not put: a row whose id exists fails alone, named by its position (Dexie's BulkError).
    const error = await internals.dexieTable
      .bulkAdd([
        fromStorageToDexie(internals.booleanIndexes, { ...added, id: 'new' }),
        fromStorageToDexie(internals.booleanIndexes, added),
      ])
      .then(
        () => null,
        (e: unknown) => e as { name: string; failuresByPos: Record<string, unknown> },
      );
    expect(error?.name).toBe('BulkError');
    expect(Object.keys(error?.failuresByPos ?? {})).toEqual(['1']);
    expect(await instance.findDocumentsById(['new'], false)).toHaveLength(1);
  });

  it("an event bulk pushed on the instance's private changes$ is its change stream, which live queries follow", async () => {
    const { notes, instance } = await openNotes();
    const seen: string[][] = [];
    const sub = notes.find().$.subscribe((docs) => seen.push(docs.map((d) => d.id)));
    await until(() => seen.length > 0, 'the first result');
    const internals = await instance.internals;
    const doc: RxDocumentData<Note> = {
      ...note('quiet'),
      _deleted: false,
      _rev: '1-abc',
      _meta: { lwt: Date.now() },
      _attachments: {},
    };
    await internals.dexieTable.bulkAdd([fromStorageToDexie(internals.booleanIndexes, doc)]);
    const { eventBulk } = categorizeBulkWriteRows<Note>(instance, 'id', new Map(), [{ document: doc }], 'contract');
    const streamed: unknown[] = [];
    const streamSub = instance.changeStream().subscribe((bulk) => streamed.push(bulk));
    (instance as unknown as { changes$: Subject<EventBulk<unknown, unknown>> }).changes$.next(eventBulk);
    expect(streamed).toEqual([eventBulk]);
    await until(() => seen.at(-1)?.includes('quiet') ?? false, 'the live query to see the quiet write');
    sub.unsubscribe();
    streamSub.unsubscribe();
  });

  it('change checkpoints are {id, lwt}, ordered by last-write time then id', async () => {
    const { notes, instance } = await openNotes();
    await notes.bulkInsert([note('m'), note('z'), note('b')]);
    const docs = await instance.findDocumentsById(['m', 'z', 'b'], false);
    const lwt = docs[0]?._meta.lwt;
    expect(new Set(docs.map((d) => d._meta.lwt)).size).toBe(1); // one bulk shares its write time
    const changedSince = async (id: string) =>
      (await getChangedDocumentsSince(instance, 10, { id, lwt: lwt as number })).documents.map((d) => d.id);
    expect(await changedSince('b')).toEqual(['m', 'z']);
    expect(await changedSince('m')).toEqual(['z']);
    expect(await changedSince('z')).toEqual([]);
  });
});

describe('batched-query-storage.ts: a query can be answered from the plan with getAll', () => {
  it("the collection's queries call the Dexie instance's query method as it is at call time, with the plan", async () => {
    const { notes, instance } = await openNotes();
    await notes.bulkInsert(
      Array.from({ length: 30 }, (_, i) => note(`t${String(i).padStart(2, '0')}`, 'x', (i * 7) % 10, i % 3 === 0)),
    );
    const plainQuery = instance.query;
    const prepared: PreparedQuery<Note>[] = [];
    instance.query = function (query) {
      prepared.push(query as PreparedQuery<Note>);
      return plainQuery.call(this, query);
    };
    const query: MangoQuery<Note> = { selector: { flag: true, n: { $gte: 2 } }, sort: [{ n: 'asc' }, { id: 'asc' }] };
    const expected = (await notes.find(query).exec()).map((d) => d.id);
    expect(prepared).toHaveLength(1);
    const plan = prepared[0]?.queryPlan;
    // Every index ends with the primary key, so index keys are unique (batches continue strictly after the last key).
    expect(plan?.index).toEqual(['_deleted', 'flag', 'n', 'id']);
    expect(plan?.sortSatisfiedByIndex).toBe(true);
    expect(plan?.selectorSatisfiedByIndex).toBe(true);

    // The module's read: the plan's key range over the Dexie index named `[a+b+c]` of the docs table, with getAll.
    const internals = await instance.internals;
    expect(internals.dexieDb._options.IDBKeyRange).toBe(IDBKeyRange);
    const range = getKeyRangeByQueryPlan(internals.booleanIndexes, plan as never, IDBKeyRange);
    const indexName = `[${plan?.index.map((f) => dexieReplaceIfStartsWithPipe(f)).join('+')}]`;
    const read = await internals.dexieDb.transaction('r', internals.dexieTable, (tx) => {
      const index = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName);
      return new Promise<unknown[]>((resolve, reject) => {
        const request = index.getAll(range);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    });
    const docs = read.map((row) => fromDexieToStorage<Note>(internals.booleanIndexes, row));
    expect(docs.map((d) => d.id)).toEqual(expected);
    expect(docs.every((d) => typeof d.flag === 'boolean')).toBe(true);
  });
});

/** A live replication of a fresh `notes` collection; the test drives its handlers and its stream. */
async function replicated(options: {
  pull: (checkpoint: unknown, batchSize: number) => Promise<{ documents: WithDeleted<Note>[]; checkpoint: unknown }>;
  push?: (rows: RxReplicationWriteToMasterRow<Note>[]) => Promise<WithDeleted<Note>[]>;
  retryTime?: number;
}) {
  const { db, notes, instance } = await openNotes();
  const stream$ = new Subject<RxReplicationPullStreamItem<Note, unknown>>();
  const replication: RxReplicationState<Note, unknown> = replicateRxCollection<Note, unknown>({
    replicationIdentifier: `contract-${dbCount}`,
    collection: notes,
    live: true,
    retryTime: options.retryTime ?? 10,
    waitForLeadership: false,
    toggleOnDocumentVisible: false,
    pull: { handler: options.pull as never, batchSize: 10, stream$ },
    push: options.push ? { handler: options.push, batchSize: 10 } : undefined,
  });
  opened.unshift({ close: () => replication.cancel() });
  await replication.awaitInitialReplication();
  const text = async (id: string) => (await notes.findOne(id).exec())?.text;
  return { db, notes, instance, replication, stream$, text };
}
const served = (...docs: Note[]) => ({
  documents: docs.map((d) => ({ ...d, _deleted: false })),
  checkpoint: { at: Date.now() },
});
const batch = (...docs: Note[]) => served(...docs) as RxReplicationPullStreamItem<Note, unknown>;

describe('pending.ts: the assumed master state of a started replication', () => {
  it('getAssumedMasterState(internalReplicationState) is the last state the server confirmed: pulled, then pushed', async () => {
    let release: () => void = () => undefined;
    const pushed = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { notes, replication } = await replicated({
      pull: async () => served(note('a', 'from server')),
      push: async () => {
        await pushed;
        return [];
      },
    });
    const internal = replication.internalReplicationState;
    expect(internal).toBeDefined();
    if (!internal) return;
    const assumed = async (id: string) => (await getAssumedMasterState(internal, [id]))[id]?.docData;
    expect(await assumed('a')).toMatchObject({ id: 'a', text: 'from server', _deleted: false });

    await (await notes.findOne('a').exec())?.incrementalPatch({ text: 'local edit' });
    await notes.insert(note('b', 'local only'));
    await wait(30);
    // Not confirmed yet: the assumed master is still the pulled state, and a local-only document has none.
    expect(await assumed('a')).toMatchObject({ text: 'from server' });
    expect(await assumed('b')).toBeUndefined();

    release();
    await replication.awaitInSync();
    expect(await assumed('a')).toMatchObject({ text: 'local edit' });
    expect(await assumed('b')).toMatchObject({ text: 'local only' });
  });
});

describe('live-pull.ts: document batches on pull.stream$', () => {
  it('are written without calling the pull handler or re-scanning for unsent changes; RESYNC does both', async () => {
    let pulls = 0;
    const { stream$, text, replication } = await replicated({
      pull: async () => {
        pulls += 1;
        return served();
      },
      push: async () => [],
    });
    const internal = replication.internalReplicationState;
    if (!internal) throw new Error('not started');
    const scans = () => internal.stats.up.upstreamInitialSync;
    const [pullsBefore, scansBefore] = [pulls, scans()];
    stream$.next(batch(note('a', 'live')));
    await until(async () => (await text('a')) === 'live', 'the live batch');
    await replication.awaitInSync();
    expect([pulls, scans()]).toEqual([pullsBefore, scansBefore]);

    // Why the store never sends 'RESYNC' after start: it pulls again and re-scans the replica for unsent changes.
    stream$.next('RESYNC');
    await until(() => pulls > pullsBefore && scans() > scansBefore, 'a RESYNC to pull and re-scan');
  });

  it('a batch queued before RxDB starts a pull of its own is dropped: the later pull supersedes it', async () => {
    // The first RESYNC's pull is held, so that a second RESYNC and then a (stale) batch queue up behind it.
    let hold: Promise<void> | null = null;
    let release: () => void = () => undefined;
    let version = 'v1';
    const { stream$, text, replication } = await replicated({
      pull: async () => {
        if (hold) await hold;
        return served(note('a', version));
      },
      push: async () => [],
    });
    expect(await text('a')).toBe('v1');
    hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    replication.reSync();
    await wait(20);
    replication.reSync();
    stream$.next(batch(note('a', 'stale batch')));
    await wait(20);
    hold = null;
    version = 'v2';
    release();
    await until(async () => (await text('a')) === 'v2', 'the second pull');
    await wait(50);
    await replication.awaitInSync();
    expect(await text('a')).toBe('v2');
  });

  it('a pulled state does not replace a local change the server has not confirmed', async () => {
    const { notes, text, replication } = await replicated({
      pull: async () => served(note('a', 'v1')),
      push: async () => [],
    });
    // Paused, the upstream ignores the local write, so it stays unconfirmed while the batch arrives (a paused
    // replication ignores pull.stream$ too, so the batch is handed in with emitEvent, the way stream$ items go).
    await replication.pause();
    await (await notes.findOne('a').exec())?.incrementalPatch({ text: 'local edit' });
    replication.emitEvent(batch(note('a', 'v2 from server')));
    replication.emitEvent(batch(note('b', 'after')));
    await until(async () => (await text('b')) === 'after', 'the batch after');
    expect(await text('a')).toBe('local edit');
  });
});

describe('no-op-writes.ts: pre-save hooks and the incremental write queue', () => {
  it('the write queue writes the document again even when every modifier threw (why the hook exists)', async () => {
    const { notes } = await openNotes();
    const doc = await notes.insert(note('a'));
    await expect(
      doc.incrementalModify(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await wait(20);
    expect((await notes.findOne('a').exec())?.revision).not.toBe(doc.revision);
  });

  it('a pre-save hook that throws stops incrementalModify and upsert from writing, with its error', async () => {
    const { notes } = await openNotes();
    const doc = await notes.insert(note('a'));
    class Same extends Error {}
    notes.preSave((next, previous) => {
      if (next.text === previous.text) throw new Same();
    }, false);
    await expect(doc.incrementalModify((d) => d)).rejects.toBeInstanceOf(Same);
    await expect(notes.upsert(note('a'))).rejects.toBeInstanceOf(Same);
    await wait(20);
    expect((await notes.findOne('a').exec())?.revision).toBe(doc.revision);
    await doc.incrementalPatch({ text: 'changed' });
    expect((await notes.findOne('a').exec())?.text).toBe('changed');
  });

  it('a pulled state whose write into the replica conflicts with a local write is dropped, not retried', async () => {
    let pulls = 0;
    const { notes, instance, stream$, text, replication } = await replicated({
      pull: async () => {
        pulls += 1;
        return served(note('a', 'v1'));
      },
      push: async () => [],
    });
    const plainWrite = instance.bulkWrite;
    let raced = false;
    instance.bulkWrite = async function (rows, context) {
      if (!raced && context.startsWith('replication-down')) {
        raced = true;
        // Between the downstream's read and its write, a local write that changes nothing lands.
        const [current] = await instance.findDocumentsById(['a'], true);
        if (current)
          await plainWrite.call(
            this,
            [
              {
                previous: current,
                document: {
                  ...current,
                  _rev: `${Number.parseInt(current._rev, 10) + 1}-local`,
                  _meta: { lwt: Date.now() },
                },
              },
            ],
            'local',
          );
      }
      return plainWrite.call(this, rows, context);
    };
    const pullsBefore = pulls;
    stream$.next(batch(note('a', 'v2 from server')));
    await until(() => raced, 'the downstream write');
    await wait(50);
    await replication.awaitInSync();
    expect(await text('a')).toBe('v1');
    expect(pulls).toBe(pullsBefore);
    expect(await notes.count().exec()).toBe(1);
  });
});

describe('gate.ts: handlers that wait for the network', () => {
  it('a push handler may wait as long as it needs; local writes made meanwhile are pushed afterwards', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const sent: string[] = [];
    const { notes, replication } = await replicated({
      pull: async () => served(note('a', 'v1')),
      push: async (rows) => {
        await gate;
        sent.push(...rows.map((row) => row.newDocumentState.text));
        return [];
      },
    });
    const errors: unknown[] = [];
    replication.error$.subscribe((error) => errors.push(error));
    const doc = await notes.findOne('a').exec();
    await doc?.incrementalPatch({ text: 'first' });
    await wait(50);
    await doc?.getLatest().incrementalPatch({ text: 'second' });
    await notes.insert(note('b', 'new'));
    await wait(200);
    expect(sent).toEqual([]);
    open();
    await replication.awaitInSync();
    expect(sent).toContain('second');
    expect(sent).toContain('new');
    expect(errors).toEqual([]);
  });

  it('a handler that fails is called again after retryTime with the same rows, which stay unconfirmed meanwhile', async () => {
    const calls: string[][] = [];
    let pullFailures = 1;
    const { notes, replication } = await replicated({
      pull: async () => {
        if (pullFailures-- > 0) throw new Error('aborted: offline');
        return served(note('a', 'v1'));
      },
      push: async (rows) => {
        calls.push(rows.map((row) => row.newDocumentState.text));
        if (calls.length === 1) throw new Error('aborted: offline');
        return [];
      },
      retryTime: 20,
    });
    expect((await notes.findOne('a').exec())?.text).toBe('v1');
    await (await notes.findOne('a').exec())?.incrementalPatch({ text: 'edit' });
    await replication.awaitInSync();
    expect(calls).toEqual([['edit'], ['edit']]);
    const internal = replication.internalReplicationState;
    if (!internal) throw new Error('not started');
    expect((await getAssumedMasterState(internal, ['a'])).a?.docData).toMatchObject({ text: 'edit' });
  });
});
