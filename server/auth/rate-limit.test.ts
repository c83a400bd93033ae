import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows the limit per window, then says how long to wait', () => {
    const limiter = createRateLimiter(3, 60_000);
    expect([1, 2, 3].map(() => limiter.take('a', 1_000))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 31_000)).toBe(30);
    expect(limiter.take('b', 31_000)).toBe(0);
    expect(limiter.take('a', 61_000)).toBe(0);
  });
});
