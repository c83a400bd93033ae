import { describe, expect, it } from 'vitest';
import { distributeByLoad } from './round-robin';

describe('distributing unassigned tickets by load', () => {
  it('fills the least loaded agent first, then alternates', () => {
    const out = distributeByLoad(
      ['t1', 't2', 't3', 't4', 't5'],
      [
        { id: 'busy', load: 3 },
        { id: 'free', load: 0 },
      ],
    );
    expect(out.get('free')).toEqual(['t1', 't2', 't3', 't5']);
    expect(out.get('busy')).toEqual(['t4']);
  });

  it('hands every ticket to exactly one agent', () => {
    const ids = Array.from({ length: 17 }, (_, i) => `t${i}`);
    const out = distributeByLoad(ids, [
      { id: 'a', load: 1 },
      { id: 'b', load: 2 },
      { id: 'c', load: 0 },
    ]);
    const all = [...out.values()].flat().sort();
    expect(all).toEqual([...ids].sort());
    const finalLoads = [1 + (out.get('a')?.length ?? 0), 2 + (out.get('b')?.length ?? 0), out.get('c')?.length ?? 0];
    expect(Math.max(...finalLoads) - Math.min(...finalLoads)).toBeLessThanOrEqual(1);
  });

  it('gives nothing when there are no agents', () => {
    expect(distributeByLoad(['t1'], []).size).toBe(0);
  });
});
