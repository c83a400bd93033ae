import { describe, expect, it } from 'vitest';
import { storageFailureOf } from './storage-failure';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storageFailureOf', () => {
  it('finds a full disk however the storage layers wrapped it', () => {
    expect(storageFailureOf(quota())).toBe('full');
    // Dexie: an aborted transaction, the cause in `inner` or only named in the message.
    expect(storageFailureOf({ name: 'AbortError', message: 'QuotaExceededError ', inner: quota() })).toBe('full');
    expect(storageFailureOf({ name: 'AbortError', message: 'QuotaExceededError The quota…' })).toBe('full');
    // RxDB: a replication error around a write error around Dexie's.
    const dexie = { name: 'AbortError', message: 'x', inner: quota() };
    expect(storageFailureOf({ code: 'RC_PULL', parameters: { writeError: { status: 500, error: dexie } } })).toBe(
      'full',
    );
    expect(storageFailureOf({ code: 'RC_PUSH', parameters: { errors: [new Error('network'), dexie] } })).toBe('full');
  });

  it('tells a failing disk from a full one', () => {
    expect(storageFailureOf(new DOMException('I/O error', 'UnknownError'))).toBe('failed');
  });

  it('leaves every other error alone', () => {
    expect(storageFailureOf(new Error('POST /api/sync/tickets/push: 500'))).toBeNull();
    expect(storageFailureOf({ name: 'AbortError', message: 'The user aborted a request.' })).toBeNull();
    expect(storageFailureOf('QuotaExceededError')).toBeNull();
    expect(storageFailureOf(null)).toBeNull();
    const loop: Record<string, unknown> = { name: 'Error' };
    loop.inner = loop;
    expect(storageFailureOf(loop)).toBeNull();
  });
});
