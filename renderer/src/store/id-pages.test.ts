import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { openDatabase } from './database';
import { idPage } from './id-pages';

it('pages through tickets and comments in id order on the id index, never sorting the whole collection', async () => {
  const db = await openDatabase({
    serverUrl: 'http://desk.test',
    userId: 'u-agent',
    deviceId: 'device-u-agent',
    indexedDB: { indexedDB: new IDBFactory(), IDBKeyRange },
  });
  try {
    const plans = [
      db.tickets.find(idPage('t-5', 200)).getPreparedQuery().queryPlan,
      db.comments.find(idPage('t-5', 200)).getPreparedQuery().queryPlan,
    ];
    for (const plan of plans) {
      expect(plan).toMatchObject({
        index: ['_deleted', 'id'],
        startKeys: [false, 't-5'],
        sortSatisfiedByIndex: true,
        selectorSatisfiedByIndex: true,
      });
    }
  } finally {
    await db.close();
  }
});
