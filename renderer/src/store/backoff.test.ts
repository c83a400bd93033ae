import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

describe('backoff', () => {
  it('doubles the ceiling per failure, up to the maximum', () => {
    const top = (attempt: number) => backoffDelay(attempt, { baseMs: 100, maxMs: 1000, random: () => 1 });
    expect([0, 1, 2, 3, 4, 10].map(top)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('waits at least half the ceiling (jitter spreads the rest)', () => {
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0 })).toBe(400);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0.5 })).toBe(600);
  });
  it('starts over after a success', () => {
    const backoff = new Backoff({ baseMs: 100, random: () => 1 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
