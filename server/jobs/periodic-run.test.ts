import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicRun } from './periodic-run';

describe('a periodic run', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A job whose runs the test ends one by one. */
  function job() {
    const ends: (() => void)[] = [];
    const errors: unknown[] = [];
    let fail = false;
    const periodic = new PeriodicRun(
      () =>
        new Promise<void>((resolve, reject) => {
          ends.push(fail ? () => reject(new Error('run failed')) : resolve);
        }),
      { intervalMs: 1_000, pokeDelayMs: 50, onError: (error) => errors.push(error) },
    );
    const endRun = async () => {
      ends.at(-1)?.();
      await vi.advanceTimersByTimeAsync(0);
    };
    return {
      periodic,
      runs: () => ends.length,
      endRun,
      errors,
      failNext: () => {
        fail = true;
      },
    };
  }

  it('runs at start, then an interval after each run ends, never two at once', async () => {
    const j = job();
    j.periodic.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(j.runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(j.runs()).toBe(1);
    await j.endRun();
    await vi.advanceTimersByTimeAsync(999);
    expect(j.runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(j.runs()).toBe(2);
  });

  it('runs soon after a poke, and pokes during a run make exactly one more run follow it', async () => {
    const j = job();
    j.periodic.start();
    await vi.advanceTimersByTimeAsync(0);
    await j.endRun();
    j.periodic.poke();
    await vi.advanceTimersByTimeAsync(50);
    expect(j.runs()).toBe(2);
    j.periodic.poke();
    j.periodic.poke();
    j.periodic.poke();
    await j.endRun();
    await vi.advanceTimersByTimeAsync(50);
    expect(j.runs()).toBe(3);
    await j.endRun();
    await vi.advanceTimersByTimeAsync(999);
    expect(j.runs()).toBe(3);
  });

  it('reports a failed run and carries on', async () => {
    const j = job();
    j.failNext();
    j.periodic.start();
    await vi.advanceTimersByTimeAsync(0);
    await j.endRun();
    expect(j.errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(j.runs()).toBe(2);
  });

  it('stops: waits for the run in progress, then neither the interval nor a poke runs it again', async () => {
    const j = job();
    j.periodic.start();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = j.periodic.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    await j.endRun();
    await stopping;
    j.periodic.poke();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(j.runs()).toBe(1);
  });
});
