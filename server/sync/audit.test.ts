import { describe, expect, it } from 'vitest';
import { fieldChanges, timeOrderedId } from './audit';

describe('audit', () => {
  it('lists only changed fields with old and new values, ignoring key order', () => {
    const before = { status: 'new', title: 'A', formData: { a: 1, b: 2 }, updatedAt: 'x' };
    const after = { status: 'open', title: 'A', formData: { b: 2, a: 1 }, updatedAt: 'y' };
    expect(fieldChanges(before, after, ['updatedAt'])).toEqual([{ field: 'status', from: 'new', to: 'open' }]);
    expect(fieldChanges(null, { b: 1, a: 2 })).toEqual([
      { field: 'a', from: null, to: 2 },
      { field: 'b', from: null, to: 1 },
    ]);
  });

  it('makes UUIDv7 ids that sort by time', () => {
    const early = timeOrderedId(1_700_000_000_000);
    const late = timeOrderedId(1_700_000_000_001);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(early < late).toBe(true);
  });
});
