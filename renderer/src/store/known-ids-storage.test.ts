import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, getChangedDocumentsSince, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { withKnownIds } from './known-ids-storage';

interface Note {
  id: string;
  text: string;
}
const schema: RxJsonSchema<Note> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, text: { type: 'string' } },
  required: ['id', 'text'],
};

async function open(indexedDB: IDBFactory, name = 'known-ids') {
  const storage = withKnownIds(getRxStorageDexie({ indexedDB, IDBKeyRange }));
  const db = await createRxDatabase<{ notes: import('rxdb').RxCollection<Note> }>({
    name,
    storage,
    multiInstance: false,
  });
  await db.addCollections({ notes: { schema } });
  return { db, storage };
}

describe('storage that skips reads of documents a fresh replica cannot hold', () => {
  it('answers reads and writes exactly like the plain storage while bootstrapping and after', async () => {
    const indexedDB = new IDBFactory();
    const { db, storage } = await open(indexedDB);
    const seen: string[] = [];
    const sub = db.notes.find().$.subscribe((docs) => seen.push(docs.map((d) => d.text).join(',')));
    await db.notes.bulkInsert([
      { id: 'a', text: 'one' },
      { id: 'b', text: 'two' },
    ]);
    expect((await db.notes.findByIds(['a', 'b', 'c']).exec()).size).toBe(2);
    // Inserting an id that exists is still a conflict, not an overwrite.
    const again = await db.notes.bulkInsert([
      { id: 'a', text: 'changed' },
      { id: 'c', text: 'three' },
    ]);
    expect(again.error.map((e) => e.status)).toEqual([409]);
    expect((await db.notes.findOne('a').exec())?.text).toBe('one');
    await (await db.notes.findOne('b').exec())?.incrementalPatch({ text: 'two!' });
    storage.endBootstrap();
    await db.notes.insert({ id: 'd', text: 'four' });
    const texts = (await db.notes.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.text);
    expect(texts).toEqual(['one', 'two!', 'three', 'four']);
    // Live queries saw the fast inserts (their change events were emitted).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.at(-1)?.split(',').sort()).toEqual(['four', 'one', 'three', 'two!']);
    sub.unsubscribe();
    await db.close();
  });

  it("gives a written bulk the newest (lwt, id) as its checkpoint, so the upstream's next start reads none of it again", async () => {
    const { db } = await open(new IDBFactory(), 'known-ids-checkpoint');
    const instance = db.notes.storageInstance;
    const checkpoints: unknown[] = [];
    const sub = instance.changeStream().subscribe((bulk) => checkpoints.push(bulk.checkpoint));
    await db.notes.bulkInsert([
      { id: 'm', text: '1' },
      { id: 'z', text: '2' },
      { id: 'b', text: '3' },
    ]);
    sub.unsubscribe();
    const newest = (await db.notes.findByIds(['z']).exec()).get('z');
    expect(checkpoints).toEqual([{ id: 'z', lwt: newest?._data._meta.lwt }]);
    const since = await getChangedDocumentsSince(instance, 10, checkpoints[0] as { id: string; lwt: number });
    expect(since.documents).toEqual([]);
    await db.close();
  });

  it('does not skip reads in a replica that already holds documents', async () => {
    const indexedDB = new IDBFactory();
    const first = await open(indexedDB, 'known-ids-reopen');
    await first.db.notes.insert({ id: 'a', text: 'kept' });
    await first.db.close();
    const second = await open(indexedDB, 'known-ids-reopen');
    expect((await second.db.notes.findOne('a').exec())?.text).toBe('kept');
    const result = await second.db.notes.bulkInsert([{ id: 'a', text: 'overwritten?' }]);
    expect(result.error.map((e) => e.status)).toEqual([409]);
    expect((await second.db.notes.findOne('a').exec())?.text).toBe('kept');
    await second.db.close();
  });
  it('never overwrites a document something else wrote behind its back (another tab on the same replica)', async () => {
    const { db } = await open(new IDBFactory(), 'known-ids-foreign');
    const internals = await (db.notes.storageInstance as unknown as RxStorageInstanceDexie<Note>).internals;
    await internals.dexieTable.put({
      id: 'x',
      text: 'theirs',
      _deleted: '0',
      _rev: '1-a',
      _meta: { lwt: 1 },
      _attachments: {},
    });
    const result = await db.notes.bulkInsert([
      { id: 'x', text: 'mine' },
      { id: 'y', text: 'new' },
    ]);
    expect(result.error.map((e) => [e.documentId, e.status])).toEqual([['x', 409]]);
    expect((await db.notes.findOne('x').exec())?.text).toBe('theirs');
    expect((await db.notes.findOne('y').exec())?.text).toBe('new');
    await db.close();
  });
});
