import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeNote } from './changes';
import { NoteGate } from './note-gate';

const note = (s: number): ChangeNote => ({ c: 'tickets', s });

/** A gate over a watermark the test sets; `reads` counts how often it was read. */
function gateOver(initial: number) {
  let safe = initial;
  let reads = 0;
  let failing = false;
  const released: number[] = [];
  let overflows = 0;
  const gate = new NoteGate({
    readSafe: async () => {
      reads += 1;
      if (failing) throw new Error('database unreachable');
      return safe;
    },
    release: (notes) => released.push(...notes.map((n) => n.s)),
    overflow: () => {
      overflows += 1;
    },
    warn: () => undefined,
  });
  return {
    gate,
    released,
    set: (value: number) => {
      safe = value;
    },
    fail: (value: boolean) => {
      failing = value;
    },
    reads: () => reads,
    overflows: () => overflows,
  };
}

describe('the change note gate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes a note once the watermark reaches its change, after one reading', async () => {
    const g = gateOver(10);
    g.gate.add(note(10));
    expect(g.released).toEqual([]);
    await vi.waitFor(() => expect(g.released).toEqual([10]));
    expect(g.reads()).toBe(1);
    // Covered by the reading already made: no second one.
    g.gate.add(note(9));
    expect(g.released).toEqual([10, 9]);
    expect(g.reads()).toBe(1);
  });

  it('holds a note while a lower write is in flight, even when that write never sends a note of its own', async () => {
    vi.useFakeTimers();
    const g = gateOver(4);
    g.gate.add(note(6));
    await vi.advanceTimersByTimeAsync(0);
    expect(g.released).toEqual([]);
    // The write numbered 5 rolls back: no note comes, but readings go on and see the watermark move.
    await vi.advanceTimersByTimeAsync(100);
    expect(g.released).toEqual([]);
    g.set(6);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(g.released).toEqual([6]);
    const readsSoFar = g.reads();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(g.reads()).toBe(readsSoFar);
  });

  it('reads again at once when a note arrives during a reading, and while stalled it backs off', async () => {
    vi.useFakeTimers();
    const g = gateOver(0);
    g.gate.add(note(1));
    g.gate.add(note(2));
    await vi.advanceTimersByTimeAsync(0);
    // One reading for both notes, then the retry: at most a handful of readings in ten seconds of a stall.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(g.reads()).toBeLessThan(20);
    expect(g.released).toEqual([]);
    g.set(2);
    g.gate.add(note(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(g.released).toEqual([1, 2]);
  });

  it('keeps notes through failed readings, and past a bound asks every stream to resync instead', async () => {
    vi.useFakeTimers();
    const g = gateOver(0);
    g.fail(true);
    g.gate.add(note(1));
    await vi.advanceTimersByTimeAsync(3_000);
    g.fail(false);
    g.set(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(g.released).toEqual([1]);

    g.fail(true);
    for (let s = 2; s <= 10_002; s += 1) g.gate.add(note(s));
    expect(g.overflows()).toBe(1);
    g.fail(false);
    g.set(20_000);
    await vi.advanceTimersByTimeAsync(2_000);
    // Dropped, not delivered late: the streams resync from their checkpoints instead.
    expect(g.released).toEqual([1]);
  });

  it('stops on close', async () => {
    vi.useFakeTimers();
    const g = gateOver(0);
    g.gate.add(note(1));
    g.gate.close();
    g.set(5);
    await vi.advanceTimersByTimeAsync(2_000);
    g.gate.add(note(2));
    expect(g.released).toEqual([]);
  });
});
