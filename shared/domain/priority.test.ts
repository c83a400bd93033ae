import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Level, PRIORITIES, priorityFrom } from './priority';

const level = fc.constantFrom<Level>(1, 2, 3);

describe('priority from impact × urgency (ITIL matrix)', () => {
  it('maps the corners and the diagonal', () => {
    expect(priorityFrom(1, 1)).toBe('P1');
    expect(priorityFrom(2, 2)).toBe('P3');
    expect(priorityFrom(3, 3)).toBe('P4');
    expect(priorityFrom(1, 3)).toBe('P3');
    expect(priorityFrom(3, 1)).toBe('P3');
    expect(priorityFrom(1, 2)).toBe('P2');
    expect(priorityFrom(2, 1)).toBe('P2');
  });

  it('is symmetric: impact and urgency weigh the same', () => {
    fc.assert(
      fc.property(level, level, (i, u) => {
        expect(priorityFrom(i, u)).toBe(priorityFrom(u, i));
      }),
    );
  });

  it('never lowers the priority when impact or urgency rises', () => {
    const rank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);
    fc.assert(
      fc.property(level, level, (i, u) => {
        const here = rank(priorityFrom(i, u));
        if (i > 1) expect(rank(priorityFrom((i - 1) as Level, u))).toBeLessThanOrEqual(here);
        if (u > 1) expect(rank(priorityFrom(i, (u - 1) as Level))).toBeLessThanOrEqual(here);
      }),
    );
  });

  it('refuses levels outside 1–3', () => {
    expect(() => priorityFrom(0 as Level, 1)).toThrow(/must each be 1, 2 or 3/);
  });
});
