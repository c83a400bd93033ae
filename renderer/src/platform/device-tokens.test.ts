import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEVICE_TOKEN_DB, deviceTokenStore } from './device-tokens';

describe('tokens kept on the device', () => {
  it('keeps one token per server, under one spelling of its URL, and forgets it', async () => {
    const factory = new IDBFactory();
    const store = deviceTokenStore(factory, () => new Date('2026-11-25T09:00:00Z'));
    await store.keep('https://desk.example.com/', 'sess_0123456789abcdef');
    await store.keep('https://test.example.com', 'sess_test_0123456789');
    expect(await store.get('https://desk.example.com')).toBe('sess_0123456789abcdef');
    // A second sign-in replaces the first token.
    await store.keep('https://desk.example.com', 'sess_fedcba9876543210');
    expect(await store.get('https://desk.example.com/')).toBe('sess_fedcba9876543210');

    // Another page of the same origin (a new tab) sees what this one kept.
    expect(await deviceTokenStore(factory).get('https://test.example.com')).toBe('sess_test_0123456789');

    await store.forget('https://desk.example.com/');
    expect(await store.get('https://desk.example.com')).toBeNull();
    expect(await store.get('https://test.example.com')).toBe('sess_test_0123456789');
  });

  it('is a database of its own, apart from the replicas', async () => {
    const factory = new IDBFactory();
    await deviceTokenStore(factory).keep('https://desk.example.com', 'sess_0123456789abcdef');
    expect((await factory.databases()).map((db) => db.name)).toEqual([DEVICE_TOKEN_DB]);
  });
});
