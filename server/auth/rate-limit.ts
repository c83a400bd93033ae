/**
 * A fixed-window counter per key (login: client IP + email), in memory. Per process: with several server processes
 * an attacker gets the limit once per process, which still bounds guessing to a few dozen tries a minute.
 */
export interface RateLimiter {
  /** Counts one attempt; returns 0 when allowed, else the seconds until the window resets. */
  take(key: string, nowMs?: number): number;
}

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (now: number) => {
    for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
  };
  return {
    take(key, now = Date.now()) {
      if (windows.size > 10_000) sweep(now);
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit) return 0;
      return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    },
  };
}
