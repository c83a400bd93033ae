import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickLeastLoad, pickRoundRobin } from './assign';

describe('round robin', () => {
  it('takes turns in id order and wraps around', () => {
    const ids = ['u-c', 'u-a', 'u-b'];
    const turns: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      last = pickRoundRobin(ids, last);
      turns.push(last ?? '');
    }
    expect(turns).toEqual(['u-a', 'u-b', 'u-c', 'u-a', 'u-b']);
  });

  it('continues after a last assignee who left the queue, and gives null for an empty queue', () => {
    expect(pickRoundRobin(['u-a', 'u-c'], 'u-b')).toBe('u-c');
    expect(pickRoundRobin(['u-a', 'u-c'], 'u-d')).toBe('u-a');
    expect(pickRoundRobin([], 'u-a')).toBeNull();
  });

  it('gives everyone exactly one ticket per round', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (ids) => {
        let last: string | null = null;
        const round: string[] = [];
        for (let i = 0; i < ids.length; i += 1) {
          last = pickRoundRobin(ids, last);
          round.push(last ?? '');
        }
        expect([...round].sort()).toEqual([...ids].sort());
      }),
    );
  });
});

describe('least load', () => {
  it('picks the fewest active tickets, ties to the smaller id', () => {
    expect(
      pickLeastLoad([
        { id: 'u-b', activeTickets: 2 },
        { id: 'u-c', activeTickets: 1 },
        { id: 'u-a', activeTickets: 1 },
      ]),
    ).toBe('u-a');
    expect(pickLeastLoad([])).toBeNull();
  });
});
