import { describe, expect, it } from 'vitest';
import type { ConflictView } from '../rx/store-api';
import { conflictText, groupConflicts } from './conflict-groups';

const names = {
  user: (id: string) => ({ 'u-tom': 'Tom Berger', 'u-priya': 'Priya Shah' })[id],
  queue: () => undefined,
};
const AT = '2030-03-04T08:00:00.000Z';

function record(docId: string, field: string, base: unknown, local: unknown, master: unknown, createdAt = AT) {
  return {
    id: `${docId}:${field}:${createdAt}`,
    collection: 'tickets',
    docId,
    field,
    rule: 'master-wins',
    base,
    local,
    master,
    createdAt,
  } satisfies ConflictView;
}

describe('conflicts as the user made the change', () => {
  it('shows a lost priority change as one conflict naming the priority and the levels in conflict', () => {
    const groups = groupConflicts([
      record('t-1', 'impact', 2, 1, 3),
      record('t-1', 'priority', 'P3', 'P1', 'P4'),
      record('t-1', 'urgency', 2, 1, 2),
      record('t-1', 'assigneeId', '', 'u-priya', 'u-tom'),
    ]);
    expect(groups.map((g) => [g.unit, g.records.map((r) => r.field)])).toEqual([
      ['priority', ['impact', 'priority', 'urgency']],
      ['assigneeId', ['assigneeId']],
    ]);
    const [priority, assignee] = groups;
    if (!priority || !assignee) throw new Error('two groups');
    expect(conflictText(priority, names)).toEqual({
      field: 'priority',
      yours: 'P3 → P1 (impact High, urgency High)',
      kept: 'P4 (impact Low, urgency Medium)',
    });
    expect(conflictText(assignee, names)).toEqual({ field: 'assignee', yours: 'Priya Shah', kept: 'Tom Berger' });
  });

  it('keeps changes of different tickets, or of the same ticket at different times, apart', () => {
    const groups = groupConflicts([
      record('t-1', 'priority', 'P3', 'P2', 'P4'),
      record('t-2', 'priority', 'P3', 'P2', 'P4'),
      record('t-1', 'urgency', 2, 1, 2, '2030-03-04T09:00:00.000Z'),
    ]);
    expect(groups.map((g) => [g.docId, g.records.length])).toEqual([
      ['t-1', 1],
      ['t-2', 1],
      ['t-1', 1],
    ]);
    const [, , later] = groups;
    if (!later) throw new Error('three groups');
    expect(conflictText(later, names)).toEqual({ field: 'priority', yours: 'urgency High', kept: 'urgency Medium' });
  });
});
