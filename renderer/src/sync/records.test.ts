import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../../shared/testing/fixtures';
import { applyEdits, changedFields, showValue } from './records';

describe('refused changes in the sync panel', () => {
  it('names only the fields the user changed, not server-owned ones', () => {
    const master = makeTicket();
    const local = { ...master, queueId: 'q-network', updatedAt: '2026-11-03T09:00:00.000Z' };
    expect(changedFields(local, master)).toEqual(['queueId']);
  });

  it('applies edits keeping arrays as arrays', () => {
    const edited = applyEdits(makeTicket({ tags: ['a'] }), { tags: 'vip, printer', queueId: 'q-hardware' });
    expect(edited.tags).toEqual(['vip', 'printer']);
    expect(edited.queueId).toBe('q-hardware');
  });

  it('shows empty values in words', () => {
    expect(showValue('')).toBe('(empty)');
    expect(showValue([])).toBe('(none)');
  });
});
