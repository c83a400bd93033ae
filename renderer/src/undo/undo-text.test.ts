import { describe, expect, it } from 'vitest';
import { describeAction, describeOutcome } from './undo-text';

const names = {
  user: (id: string) => ({ 'u-tom': 'Tom Berger', 'u-priya': 'Priya Shah' })[id],
  queue: () => 'Network',
};
const label = (id: string) => `INC-${id.slice(2)}`;

describe('what the undo toast says', () => {
  it('names the ticket and the change, people by name and a priority without its levels', () => {
    expect(
      describeAction([{ ticketId: 't-7', before: { assigneeId: '' }, after: { assigneeId: 'u-tom' } }], names, label),
    ).toBe('INC-7: assignee → Tom Berger');
    const priority = { impact: 1, urgency: 1, priority: 'P1' } as const;
    const before = { impact: 2, urgency: 2, priority: 'P3' } as const;
    expect(describeAction([{ ticketId: 't-7', before, after: priority }], names, label)).toBe('INC-7: priority → P1');
  });

  it('counts a bulk action: its common change, or the fields when tickets went different ways', () => {
    const to = (ticketId: string, assigneeId: string) => ({
      ticketId,
      before: { assigneeId: '' },
      after: { assigneeId },
    });
    expect(describeAction([to('t-1', 'u-tom'), to('t-2', 'u-tom')], names, label)).toBe(
      '2 tickets: assignee → Tom Berger',
    );
    expect(describeAction([to('t-1', 'u-tom'), to('t-2', 'u-priya')], names, label)).toBe(
      '2 tickets: assignee changed',
    );
  });

  it('says what was undone, what was left because it changed since, and what could not be written', () => {
    const change = { ticketId: 't-1', before: { assigneeId: '' }, after: { assigneeId: 'u-tom' } };
    expect(describeOutcome({ undone: [change], skipped: [], failed: [] }, names, label)).toBe(
      'Undone: INC-1 assignee back to Unassigned.',
    );
    expect(
      describeOutcome(
        { undone: [change], skipped: [{ ticketId: 't-2', fields: ['impact', 'urgency', 'priority'] }], failed: [] },
        names,
        label,
      ),
    ).toBe(
      'Undone: INC-1 assignee back to Unassigned; not undone: the priority of INC-2 changed since, so it was left as it is.',
    );
    expect(
      describeOutcome(
        {
          undone: [],
          skipped: [],
          failed: [{ ticketId: 't-3', error: 'An agent cannot move a ticket from Closed to Resolved.' }],
        },
        names,
        label,
      ),
    ).toBe('Could not undo INC-3: An agent cannot move a ticket from Closed to Resolved.');
  });
});
