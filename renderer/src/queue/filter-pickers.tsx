import { Select } from '@mantine/core';
import { useMemo } from 'react';
import type { Priority } from '../../../shared/domain/priority';
import { isStaff } from '../../../shared/domain/user';
import { useWorkspace } from '../rx/StoreContext';
import { type SortKey, useUi } from '../ui-state';
import { PRIORITY_CHOICES, SORTS, STATUS_CHOICES, statusChoice, statusesFor } from './filter-choices';
import { CONTROL_WIDTH, type FilterControl } from './filter-fit';
import { SaveView } from './SaveView';
import { TagFilter } from './TagFilter';

/**
 * On the bar a picker is named by its placeholder and aria-label at the width filter-fit counts with; in the
 * Filters menu it has a visible label, and its options open inside the menu (a portal would count as outside it).
 */
export const placement = (control: FilterControl, name: string, inMenu: boolean) =>
  inMenu ? { label: name, comboboxProps: { withinPortal: false } } : { 'aria-label': name, w: CONTROL_WIDTH[control] };

/** One control of the bar; `closeMenu` when it is in the Filters menu (saving a view there closes the menu). */
export function FilterControlView({
  control,
  closeMenu,
}: {
  control: FilterControl;
  closeMenu?: (saved: boolean) => void;
}) {
  const inMenu = closeMenu !== undefined;
  switch (control) {
    case 'status':
      return <StatusFilter inMenu={inMenu} />;
    case 'priority':
      return <PriorityFilter inMenu={inMenu} />;
    case 'assignee':
      return <AssigneeFilter inMenu={inMenu} />;
    case 'tag':
      return <TagFilter {...placement('tag', 'Tag', inMenu)} />;
    case 'sort':
      return <SortSelect inMenu={inMenu} />;
    case 'save':
      return <SaveView closeMenu={closeMenu} />;
  }
}

function StatusFilter({ inMenu }: { inMenu: boolean }) {
  const statuses = useUi((s) => s.filters.statuses);
  const setFilters = useUi((s) => s.setFilters);
  return (
    <Select
      {...placement('status', 'Status', inMenu)}
      data={STATUS_CHOICES}
      value={statusChoice(statuses)}
      onChange={(v) => setFilters({ statuses: statusesFor(v ?? 'any') })}
      allowDeselect={false}
    />
  );
}

function PriorityFilter({ inMenu }: { inMenu: boolean }) {
  const priority = useUi((s) => s.filters.priorities[0] ?? null);
  const setFilters = useUi((s) => s.setFilters);
  return (
    <Select
      {...placement('priority', 'Priority', inMenu)}
      placeholder="Any priority"
      data={PRIORITY_CHOICES}
      value={priority}
      onChange={(v) => setFilters({ priorities: v ? [v as Priority] : [] })}
      clearable
    />
  );
}

function AssigneeFilter({ inMenu }: { inMenu: boolean }) {
  const { users } = useWorkspace();
  const assigneeId = useUi((s) => s.filters.assigneeId);
  const setFilters = useUi((s) => s.setFilters);
  const assignees = useMemo(
    () => [
      { value: '', label: 'Unassigned' },
      ...users.filter((u) => isStaff(u.role)).map((u) => ({ value: u.id, label: u.name })),
    ],
    [users],
  );
  return (
    <Select
      {...placement('assignee', 'Assignee', inMenu)}
      placeholder="Any assignee"
      data={assignees}
      value={assigneeId}
      onChange={(v) => setFilters({ assigneeId: v })}
      clearable
      searchable
    />
  );
}

function SortSelect({ inMenu }: { inMenu: boolean }) {
  const sort = useUi((s) => s.sort);
  const setSort = useUi((s) => s.setSort);
  return (
    <Select
      {...placement('sort', 'Sort by', inMenu)}
      data={SORTS}
      value={sort}
      onChange={(v) => v && setSort(v as SortKey)}
      allowDeselect={false}
    />
  );
}
