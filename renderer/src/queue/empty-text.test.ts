import { describe, expect, it } from 'vitest';
import type { ViewRef } from '../ui-state';
import { emptyText } from './empty-text';

describe('emptyText', () => {
  it('tells what to press next in every built-in view', () => {
    const views: [ViewRef, string][] = [
      [{ kind: 'mine' }, 'g then u'],
      [{ kind: 'unassigned' }, 'g then q'],
      [{ kind: 'breaching' }, 'g then m'],
      [{ kind: 'breached' }, 'g then s'],
      [{ kind: 'queue', queueId: 'q-hardware' }, 'Press c to create one'],
    ];
    for (const [view, hint] of views) expect(emptyText(view, 'Hardware', false)).toContain(hint);
  });

  it('says the filters hide the tickets, and how to see them all', () => {
    expect(emptyText({ kind: 'unassigned' }, 'Unassigned', true)).toBe(
      'No tickets in Unassigned match these filters. Press Esc in the search box or clear the filters to see them all.',
    );
  });
});
