import { ACTIVE_STATUSES, STATUS_LABELS, STATUSES, type Status } from '../../../shared/domain/lifecycle';
import { PRIORITIES, PRIORITY_LABELS } from '../../../shared/domain/priority';
import { DEFAULT_FILTERS, type Filters, type SortKey } from '../ui-state';
import type { FilterControl } from './filter-fit';

/** What the filter bar's pickers offer, and how a setting that differs from the default is named. */
export const STATUS_CHOICES = [
  { value: 'active', label: 'Not resolved' },
  { value: 'any', label: 'Any status' },
  ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];
export const statusChoice = (statuses: readonly Status[]) =>
  statuses.length === 0 ? 'any' : statuses.length === 1 ? (statuses[0] ?? 'any') : 'active';
export const statusesFor = (choice: string): Status[] =>
  choice === 'any' ? [] : choice === 'active' ? [...ACTIVE_STATUSES] : [choice as Status];

export const PRIORITY_CHOICES = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

export const SORTS: { value: SortKey; label: string }[] = [
  { value: 'sla', label: 'SLA due' },
  { value: 'priority', label: 'Priority' },
  { value: 'updated', label: 'Recently updated' },
];
export const DEFAULT_SORT: SortKey = 'sla';

const labelOf = (choices: readonly { value: string; label: string }[], value: string) =>
  choices.find((c) => c.value === value)?.label ?? value;

/**
 * The settings of `controls` that differ from a fresh view, as "Priority: P1 Critical": what the Filters button
 * counts and names while those controls wait behind it.
 */
export function changedSettings(
  controls: readonly FilterControl[],
  filters: Filters,
  sort: SortKey,
  userName: (id: string) => string,
): string[] {
  const status = statusChoice(filters.statuses);
  const named: Record<FilterControl, string | null> = {
    status: status === statusChoice(DEFAULT_FILTERS.statuses) ? null : `Status: ${labelOf(STATUS_CHOICES, status)}`,
    priority: filters.priorities[0] ? `Priority: ${labelOf(PRIORITY_CHOICES, filters.priorities[0])}` : null,
    assignee:
      filters.assigneeId === null
        ? null
        : `Assignee: ${filters.assigneeId === '' ? 'Unassigned' : userName(filters.assigneeId)}`,
    tag: filters.tag ? `Tag: ${filters.tag}` : null,
    sort: sort === DEFAULT_SORT ? null : `Sort: ${labelOf(SORTS, sort)}`,
    save: null,
  };
  return controls.flatMap((c) => named[c] ?? []);
}
