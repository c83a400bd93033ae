import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Level, PRIORITIES, priorityFrom } from '../../../shared/domain/priority';
import { levelsFor, priorityProblem } from './levels';

const level = fc.constantFrom<Level>(1, 2, 3);

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

  it('raise urgency before impact, as the server’s escalation does', () => {
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
