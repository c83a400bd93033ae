import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openTestDatabase, TEST_ENGINES, type TestStorage } from '../db/test-databases';
import { creationTime, DeviceContacts, MAX_OFFLINE_SPAN_MS } from './offline-span';

const T = Date.parse('2026-12-07T12:00:00.000Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

describe('the creation time a new ticket keeps', () => {
  it('is the claim when it lies in the span, else the span’s nearest end (keeping the claim)', () => {
    expect(creationTime(iso(-90), at(-120), at(0))).toEqual({ createdAt: iso(-90), claimed: null });
    expect(creationTime('2001-01-01T00:00:00.000Z', at(-120), at(0))).toEqual({
      createdAt: iso(-120),
      claimed: '2001-01-01T00:00:00.000Z',
    });
    expect(creationTime(iso(30), at(-120), at(0))).toEqual({ createdAt: iso(0), claimed: iso(30) });
  });

  it('never reaches back more than 72 hours, however long the device was silent', () => {
    const week = at(-7 * 24 * 60);
    expect(creationTime(week.toISOString(), week, at(0)).createdAt).toBe(
      new Date(T - MAX_OFFLINE_SPAN_MS).toISOString(),
    );
  });
});

describe.each(TEST_ENGINES)('device contacts on %s', (engine) => {
  let db: Database;
  let storage: TestStorage;
  beforeAll(async () => {
    ({ db, storage } = await openTestDatabase(engine));
  });
  afterAll(async () => {
    await db.close();
    await storage.drop();
  });

  it('start an offline span at the last contact before a silence of more than five minutes', async () => {
    const contacts = new DeviceContacts();
    // First contact: no span yet, so nothing older than now.
    expect(await contacts.touch(db, 'u-tara', 'laptop', at(0))).toEqual(at(0));
    // Online all morning: pulls every few minutes.
    expect(await contacts.touch(db, 'u-tara', 'laptop', at(3))).toEqual(at(0));
    expect(await contacts.touch(db, 'u-tara', 'laptop', at(6))).toEqual(at(0));
    // Offline from minute 6 to minute 186: the span starts at the last contact.
    expect(await contacts.touch(db, 'u-tara', 'laptop', at(186))).toEqual(at(6));
    // The rest of the push, seconds later, sees the same span.
    expect(await contacts.touch(db, 'u-tara', 'laptop', at(186.5))).toEqual(at(6));
    expect(await contacts.touch(db, 'u-tara', 'laptop', at(190))).toEqual(at(6));
  });

  it('keep each user’s device apart, and answer now for requests without a device id', async () => {
    const contacts = new DeviceContacts();
    await contacts.touch(db, 'u-marco', 'tablet', at(0));
    expect(await contacts.touch(db, 'u-marco', 'tablet', at(60))).toEqual(at(0));
    expect(await contacts.touch(db, 'u-jonas', 'tablet', at(60))).toEqual(at(60));
    expect(await contacts.touch(db, 'u-marco', '', at(60))).toEqual(at(60));
  });

  it('are seen by every server process: one that did not record the silence still finds its span', async () => {
    await new DeviceContacts().touch(db, 'u-lena', 'desk-pc', at(0));
    expect(await new DeviceContacts().touch(db, 'u-lena', 'desk-pc', at(45))).toEqual(at(0));
  });
});
