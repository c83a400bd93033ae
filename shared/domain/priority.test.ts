import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Level, levelsFor, PRIORITIES, priorityFrom, priorityProblem, raisePriority } from './priority';

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

describe('levels for a chosen priority', () => {
  it('always give that priority, and keep the levels when they already do', () => {
    fc.assert(
      fc.property(level, level, fc.constantFrom(...PRIORITIES), (impact, urgency, priority) => {
        const chosen = levelsFor(impact, urgency, priority);
        expect(priorityFrom(chosen.impact, chosen.urgency)).toBe(priority);
        if (priorityFrom(impact, urgency) === priority) expect(chosen).toEqual({ impact, urgency });
      }),
    );
  });

  it('raise urgency before impact', () => {
    expect(levelsFor(2, 2, 'P2')).toEqual({ impact: 2, urgency: 1 });
    expect(levelsFor(2, 2, 'P1')).toEqual({ impact: 1, urgency: 1 });
    expect(levelsFor(3, 3, 'P3')).toEqual({ impact: 3, urgency: 1 });
  });

  it('name the server’s rule when priority and levels disagree', () => {
    expect(priorityProblem({ impact: 2, urgency: 2, priority: 'P1' })).toBe(
      'priority: must be P3 for impact 2 and urgency 2',
    );
    expect(priorityProblem({ impact: 1, urgency: 1, priority: 'P1' })).toBeNull();
  });
});

describe('raising a priority one step (SLA escalation)', () => {
  it('moves urgency a level at a time, then impact, until the priority rises one step', () => {
    // The rule the scheduler had spelled out on its own, for every pair of levels.
    const stepwise = (impact: Level, urgency: Level) => {
      const start = priorityFrom(impact, urgency);
      let i = impact;
      let u = urgency;
      while (priorityFrom(i, u) === start && (u > 1 || i > 1)) {
        if (u > 1) u = (u - 1) as Level;
        else i = (i - 1) as Level;
      }
      return { impact: i, urgency: u, priority: priorityFrom(i, u) };
    };
    for (const impact of [1, 2, 3] as const)
      for (const urgency of [1, 2, 3] as const)
        expect(raisePriority(impact, urgency)).toEqual(stepwise(impact, urgency));
  });

  it('leaves P1 as it is', () => {
    expect(raisePriority(1, 1)).toEqual({ impact: 1, urgency: 1, priority: 'P1' });
  });
});
