import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { NO_DUE } from '../../../shared/domain/ticket';
import { OPEN_NO_CLOCK, RX_SCHEMAS } from '../../../shared/rxdb/schemas';
import { makeTicket } from '../../../shared/testing/fixtures';
import { viewQuery } from '../queue/view-query';
import { DEFAULT_FILTERS } from '../ui-state';
import { databaseName, openDatabase, storageFor } from './database';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const wrapStorage = (storage: Parameters<typeof wrappedValidateAjvStorage>[0]['storage']) =>
  wrappedValidateAjvStorage({ storage });

describe('tickets schema v3 (slaWarnAt, warnKey)', () => {
  it('an upgraded replica keeps its tickets, and "breaching soon" lists none of them before the server recomputes', async () => {
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = await databaseName('http://s', 'u-3', 'd');
    // The replica as schema v2 left it: openKey and its indexes, no slaWarnAt, no warnKey.
    const { warnKey: _w, slaWarnAt: _s, ...v2Properties } = RX_SCHEMAS.tickets.properties;
    const v2 = {
      ...RX_SCHEMAS.tickets,
      version: 2,
      properties: v2Properties,
      required: RX_SCHEMAS.tickets.required.filter((f) => f !== 'warnKey' && f !== 'slaWarnAt'),
      indexes: RX_SCHEMAS.tickets.indexes.filter((index) => !index.includes('warnKey')),
    };
    const old = await createRxDatabase({ name, storage: wrapStorage(storageFor(indexedDB)), multiInstance: false });
    const identity = (d: object) => d;
    const { tickets } = await old.addCollections({
      tickets: { schema: v2 as unknown as RxJsonSchema<object>, migrationStrategies: { 1: identity, 2: identity } },
    });
    const now = 1_000_000;
    const v2Doc = (id: string, over: Parameters<typeof makeTicket>[0]) => {
      const { slaWarnAt: _v2, ...t } = makeTicket({ id, ...over });
      const openKey = t.status === 'resolved' ? NO_DUE : Math.min(t.slaDueAt, OPEN_NO_CLOCK);
      return { ...t, updatedSort: 1, numberKey: t.number ?? 0, openKey };
    };
    await tickets.bulkInsert([
      v2Doc('due-soon', { status: 'open', slaDueAt: now + 60_000 }),
      v2Doc('breached', { status: 'open', slaDueAt: now - 60_000 }),
      v2Doc('paused', { status: 'pending', slaDueAt: NO_DUE }),
      v2Doc('done', { status: 'resolved', slaDueAt: NO_DUE }),
    ]);
    await old.close();

    const db = await openDatabase({ serverUrl: 'http://s', userId: 'u-3', deviceId: 'd', indexedDB, wrapStorage });
    const docs = (await db.tickets.find().exec()).map((d) => d.toMutableJSON());
    expect(Object.fromEntries(docs.map((d) => [d.id, [d.slaWarnAt, d.warnKey]]))).toEqual({
      'due-soon': [now + 60_000, now + 60_000],
      breached: [now - 60_000, now - 60_000],
      paused: [NO_DUE, NO_DUE],
      done: [NO_DUE, NO_DUE],
    });
    const breaching = viewQuery({ kind: 'breaching' }, DEFAULT_FILTERS, 'sla', { me: 'u-3', now, saved: [] });
    expect(await db.tickets.find(breaching.list).exec()).toEqual([]);
    expect(await db.tickets.count({ selector: breaching.bound }).exec()).toBe(1);
    await db.remove();
  });
});
