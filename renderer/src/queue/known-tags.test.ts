import { describe, expect, it } from 'vitest';
import { tagsByUse } from './known-tags';

describe('tagsByUse', () => {
  it('offers each tag once, the most used first, ties by name', () => {
    const tickets = [
      { tags: ['vpn', 'vip'] },
      { tags: ['vip'] },
      { tags: [] },
      { tags: ['audit', 'vpn'] },
      { tags: ['vip'] },
    ];
    expect(tagsByUse(tickets)).toEqual(['vip', 'vpn', 'audit']);
  });

  it('offers nothing when no ticket has a tag', () => {
    expect(tagsByUse([{ tags: [] }])).toEqual([]);
  });
});
