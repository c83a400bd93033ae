import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { NO_DUE } from '../../../shared/domain/ticket';
import { RX_SCHEMAS, SCHEMA_VERSIONS, toLocalTicket } from '../../../shared/rxdb/schemas';
import { SYNC_COLLECTIONS } from '../../../shared/sync/protocol';
import { makeTicket } from '../../../shared/testing/fixtures';
import { ALL_SCHEMA_VERSIONS, databaseName, MIGRATIONS, openDatabase, storageFor } from './database';

// Dev mode checks every schema and write strictly; tests only (it is never part of the app bundle).
disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const idb = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });
const wrapStorage = (storage: Parameters<typeof wrappedValidateAjvStorage>[0]['storage']) =>
  wrappedValidateAjvStorage({ storage });
const at = (minute: number) => `2026-11-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

describe('local database', () => {
  it('names the database by server, user and device without revealing them', async () => {
    const a = await databaseName('https://desk.example/', 'u-1', 'dev-1');
    expect(a).toMatch(/^itsm-[0-9a-f]{32}$/);
    expect(await databaseName('https://desk.example', 'u-1', 'dev-1')).toBe(a);
    expect(await databaseName('https://desk.example', 'u-2', 'dev-1')).not.toBe(a);
    expect(a).not.toContain('desk');
  });

  it('has a migration strategy for every schema version', () => {
    for (const collection of SYNC_COLLECTIONS) {
      for (let version = 1; version <= SCHEMA_VERSIONS[collection]; version++) {
        expect(MIGRATIONS[collection][version], `${collection} v${version}`).toBeTypeOf('function');
      }
    }
    expect(Object.values(ALL_SCHEMA_VERSIONS).length).toBeLessThanOrEqual(13);
  });

  it('serves the queue orders from ascending index queries', async () => {
    const db = await openDatabase({
      serverUrl: 'http://s',
      userId: 'u-queue',
      deviceId: 'd',
      indexedDB: idb(),
      wrapStorage,
    });
    await db.tickets.bulkInsert([
      toLocalTicket(makeTicket({ id: 'a', number: 3, slaDueAt: 300, updatedAt: at(1), queueId: 'q1' })),
      toLocalTicket(makeTicket({ id: 'b', number: 1, slaDueAt: 100, updatedAt: at(3), queueId: 'q2' })),
      toLocalTicket(makeTicket({ id: 'c', number: null, slaDueAt: NO_DUE, updatedAt: at(2), queueId: 'q1' })),
      toLocalTicket(makeTicket({ id: 'd', number: 2, slaDueAt: 200, updatedAt: at(0), queueId: 'q1' })),
    ]);
    const ids = async (query: { exec(): Promise<{ id: string }[]> }) => (await query.exec()).map((t) => t.id);
    expect(await ids(db.tickets.find({ sort: [{ slaDueAt: 'asc' }], limit: 3 }))).toEqual(['b', 'd', 'a']);
    expect(await ids(db.tickets.find({ selector: { queueId: 'q1' }, sort: [{ slaDueAt: 'asc' }] }))).toEqual([
      'd',
      'a',
      'c',
    ]);
    expect(await ids(db.tickets.find({ sort: [{ updatedSort: 'asc' }] }))).toEqual(['b', 'c', 'a', 'd']);
    expect(await ids(db.tickets.find({ selector: { numberKey: 2 } }))).toEqual(['d']);
    await db.remove();
  });

  it('upgrading the tickets schema converts the replica instead of wiping it', async () => {
    const indexedDB = idb();
    const name = await databaseName('http://s', 'u-1', 'd');
    const {
      updatedSort: _u,
      numberKey: _n,
      openKey: _o,
      warnKey: _w,
      slaWarnAt: _s,
      ...v0Properties
    } = RX_SCHEMAS.tickets.properties;
    const v0 = {
      ...RX_SCHEMAS.tickets,
      version: 0,
      // v0 indexed slaDueAt, which RxDB requires to be a multiple of 1.
      properties: { ...v0Properties, slaDueAt: { ...v0Properties.slaDueAt, multipleOf: 1 } },
      required: RX_SCHEMAS.tickets.required.filter(
        (f) => !['updatedSort', 'numberKey', 'openKey', 'warnKey', 'slaWarnAt'].includes(f),
      ),
      indexes: [['slaDueAt'], ['queueId', 'slaDueAt']],
    };
    const old = await createRxDatabase({ name, storage: wrapStorage(storageFor(indexedDB)), multiInstance: false });
    const { tickets } = await old.addCollections({ tickets: { schema: v0 as unknown as RxJsonSchema<object> } });
    const { slaWarnAt: _v0, ...v0Ticket } = makeTicket({ id: 'kept', number: 9, updatedAt: at(5) });
    await tickets.insert(v0Ticket);
    await old.close();

    const db = await openDatabase({ serverUrl: 'http://s', userId: 'u-1', deviceId: 'd', indexedDB, wrapStorage });
    const ticket = await db.tickets.findOne('kept').exec();
    expect(ticket?.title).toBe(makeTicket().title);
    expect(ticket?.numberKey).toBe(9);
    await db.remove();
  });
});
