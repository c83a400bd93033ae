import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { NO_DUE } from '../../../shared/domain/ticket';
import { OPEN_NO_CLOCK, RX_SCHEMAS } from '../../../shared/rxdb/schemas';
import { makeTicket } from '../../../shared/testing/fixtures';
import { databaseName, openDatabase, storageFor } from './database';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const wrapStorage = (storage: Parameters<typeof wrappedValidateAjvStorage>[0]['storage']) =>
  wrappedValidateAjvStorage({ storage });

describe('tickets schema v2 (openKey)', () => {
  it('an upgraded replica keeps its tickets and serves the open queue from the new index', async () => {
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = await databaseName('http://s', 'u-2', 'd');
    // The replica as schema v1 left it: local sort keys, queue indexes on slaDueAt, no openKey.
    const { openKey: _o, warnKey: _w, slaWarnAt: _s, ...v1Properties } = RX_SCHEMAS.tickets.properties;
    const v1 = {
      ...RX_SCHEMAS.tickets,
      version: 1,
      properties: { ...v1Properties, slaDueAt: { ...v1Properties.slaDueAt, multipleOf: 1 } },
      required: RX_SCHEMAS.tickets.required.filter((f) => !['openKey', 'warnKey', 'slaWarnAt'].includes(f)),
      indexes: [['slaDueAt'], ['queueId', 'slaDueAt'], ['assigneeId', 'slaDueAt'], ['updatedSort'], ['numberKey']],
    };
    const old = await createRxDatabase({ name, storage: wrapStorage(storageFor(indexedDB)), multiInstance: false });
    const { tickets } = await old.addCollections({
      tickets: { schema: v1 as unknown as RxJsonSchema<object>, migrationStrategies: { 1: (d: object) => d } },
    });
    const v1Doc = (id: string, over: Parameters<typeof makeTicket>[0]) => {
      const { slaWarnAt: _v1, ...t } = makeTicket({ id, ...over });
      return { ...t, updatedSort: 1, numberKey: t.number ?? 0 };
    };
    await tickets.bulkInsert([
      v1Doc('running', { status: 'open', slaDueAt: 5_000 }),
      v1Doc('paused', { status: 'pending', slaDueAt: NO_DUE }),
      v1Doc('done', { status: 'resolved', slaDueAt: NO_DUE }),
    ]);
    await old.close();

    const db = await openDatabase({ serverUrl: 'http://s', userId: 'u-2', deviceId: 'd', indexedDB, wrapStorage });
    const keys = Object.fromEntries((await db.tickets.find().exec()).map((d) => [d.id, d.openKey] as const));
    expect(keys).toEqual({ running: 5_000, paused: OPEN_NO_CLOCK, done: NO_DUE });
    // Open work (paused included), most urgent first, counted through the index.
    const open = { openKey: { $lt: NO_DUE } };
    const listed = await db.tickets.find({ selector: open, sort: [{ openKey: 'asc' }] }).exec();
    expect(listed.map((d) => d.id)).toEqual(['running', 'paused']);
    expect(await db.tickets.count({ selector: open }).exec()).toBe(2);
    await db.remove();
  });
});
