import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../ui-state';
import { changedSettings } from './filter-choices';
import { FILTER_CONTROLS } from './filter-fit';

const name = (id: string) => (id === 'u-priya' ? 'Priya Shah' : id);

describe('changedSettings', () => {
  it('names nothing for a fresh view', () => {
    expect(changedSettings(FILTER_CONTROLS, DEFAULT_FILTERS, 'sla', name)).toEqual([]);
  });

  it('names each setting that differs, in the order of the controls, only for the controls asked about', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      statuses: [],
      priorities: ['P1' as const],
      assigneeId: 'u-priya',
      tag: 'vip',
    };
    expect(changedSettings(FILTER_CONTROLS, filters, 'updated', name)).toEqual([
      'Status: Any status',
      'Priority: P1 Critical',
      'Assignee: Priya Shah',
      'Tag: vip',
      'Sort: Recently updated',
    ]);
    expect(changedSettings(['tag', 'sort', 'save'], filters, 'sla', name)).toEqual(['Tag: vip']);
  });

  it('calls the empty assignee filter Unassigned', () => {
    expect(changedSettings(['assignee'], { ...DEFAULT_FILTERS, assigneeId: '' }, 'sla', name)).toEqual([
      'Assignee: Unassigned',
    ]);
  });
});
