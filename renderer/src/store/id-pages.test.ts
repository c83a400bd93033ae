import { afterEach, expect, it } from 'vitest';
import { makeUser } from '../../../shared/testing/fixtures';
import { idPage } from './id-pages';
import { openClient as client, closeOpenStores, serverWithData } from './testing/stores';

afterEach(closeOpenStores);

it('pages through tickets and comments in id order on the id index, never sorting the whole collection', async () => {
  const store = await client(serverWithData(), makeUser({ id: 'u-agent', role: 'agent' }));
  const plans = [
    store.db.tickets.find(idPage('t-5', 200)).getPreparedQuery().queryPlan,
    store.db.comments.find(idPage('t-5', 200)).getPreparedQuery().queryPlan,
  ];
  for (const plan of plans) {
    expect(plan).toMatchObject({
      index: ['_deleted', 'id'],
      startKeys: [false, 't-5'],
      sortSatisfiedByIndex: true,
      selectorSatisfiedByIndex: true,
    });
  }
});
