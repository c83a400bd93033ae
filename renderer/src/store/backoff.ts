/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of min(max, base · 2ⁿ), so many
 * workstations coming back after a server restart do not retry in lockstep, and none waits longer than `maxMs`.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(
  attempt: number,
  { baseMs = 500, maxMs = 30_000, random = Math.random }: BackoffOptions = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Counts consecutive failures; `next()` gives the wait before the next try, `reset()` after a success. */
export class Backoff {
  private attempt = 0;
  constructor(private readonly options: BackoffOptions = {}) {}
  next(): number {
    return backoffDelay(this.attempt++, this.options);
  }
  reset(): void {
    this.attempt = 0;
  }
}
