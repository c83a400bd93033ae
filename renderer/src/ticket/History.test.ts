import { describe, expect, it } from 'vitest';
import { describeEvent } from './History';

const names = {
  userName: (id: string) => (id === 'u-priya' ? 'Priya Shah' : id === '' ? '—' : id),
  queueName: (id: string) => id,
};

describe('a history entry', () => {
  it('names the change and, when the server gave one, its reason', () => {
    expect(
      describeEvent(
        {
          action: 'update',
          changes: [
            { field: 'assigneeId', from: 'u-priya', to: '' },
            { field: 'reason', from: null, to: 'Unassigned: Priya Shah left the Hardware queue' },
          ],
        },
        names,
      ),
    ).toBe('changed assignee Priya Shah → — (Unassigned: Priya Shah left the Hardware queue)');
    expect(describeEvent({ action: 'update', changes: [{ field: 'status', from: 'new', to: 'open' }] }, names)).toBe(
      'changed status New → Open',
    );
  });
});
