import { describe, expect, it } from 'vitest';
import { makeComment, makeTicket } from '../testing/fixtures';
import { PullQuerySchema, sameClientState } from './protocol';

describe('sameClientState: how both sides decide a push conflicts', () => {
  it('ignores the fields only the server writes', () => {
    const mine = makeTicket();
    const servers = makeTicket({ number: 17, updatedAt: '2026-11-03T10:00:00.000Z', slaDueAt: 123 });
    expect(sameClientState('tickets', mine, servers)).toBe(true);
  });

  it('sees a change to any field the client owns, even deep inside', () => {
    expect(sameClientState('tickets', makeTicket(), makeTicket({ status: 'open' }))).toBe(false);
    expect(sameClientState('tickets', makeTicket(), makeTicket({ formData: { seat: '3F' } }))).toBe(false);
    expect(sameClientState('tickets', makeTicket({ tags: ['a', 'b'] }), makeTicket({ tags: ['b', 'a'] }))).toBe(false);
  });

  it('does not care about key order or RxDB bookkeeping', () => {
    const a = { ...makeComment(), _deleted: false };
    const b = { _meta: { lwt: 1 }, _rev: '1-x', ...Object.fromEntries(Object.entries(a).reverse()) };
    expect(sameClientState('comments', a, b)).toBe(true);
  });

  it('tells a deleted document from a live one, and null from a document', () => {
    expect(
      sameClientState('comments', { ...makeComment(), _deleted: true }, { ...makeComment(), _deleted: false }),
    ).toBe(false);
    expect(sameClientState('comments', null, makeComment())).toBe(false);
    expect(sameClientState('comments', null, null)).toBe(true);
  });
});

describe('pull query', () => {
  it('reads checkpoint and limit from query strings and refuses nonsense', () => {
    expect(PullQuerySchema.parse({ checkpoint: '42', limit: '100' })).toEqual({ checkpoint: 42, limit: 100 });
    expect(PullQuerySchema.parse({})).toEqual({ limit: 500 });
    expect(PullQuerySchema.safeParse({ checkpoint: 'abc' }).success).toBe(false);
    expect(PullQuerySchema.safeParse({ checkpoint: '-1' }).success).toBe(false);
    expect(PullQuerySchema.safeParse({ limit: '100000' }).success).toBe(false);
  });
});
