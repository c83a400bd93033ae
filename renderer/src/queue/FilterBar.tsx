import { Button, Group, Select, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ACTIVE_STATUSES, STATUS_LABELS, STATUSES, type Status } from '../../../shared/domain/lifecycle';
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../../../shared/domain/priority';
import { isStaff } from '../../../shared/domain/user';
import { focusArea, registerFocusTarget } from '../keyboard/focus';
import { formatCount } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { type SortKey, useUi } from '../ui-state';

const STATUS_CHOICES = [
  { value: 'active', label: 'Open (not resolved)' },
  { value: 'any', label: 'Any status' },
  ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];
const statusChoice = (statuses: Status[]) =>
  statuses.length === 0 ? 'any' : statuses.length === 1 ? (statuses[0] ?? 'any') : 'active';
const statusesFor = (choice: string): Status[] =>
  choice === 'any' ? [] : choice === 'active' ? [...ACTIVE_STATUSES] : [choice as Status];

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'sla', label: 'SLA due' },
  { value: 'priority', label: 'Priority' },
  { value: 'updated', label: 'Recently updated' },
];

/** Title of the view, the text search (/) and the filters; Enter or Esc in the search returns to the list. */
export function FilterBar({ title, count }: { title: string; count: number | null }) {
  const { users } = useWorkspace();
  const filters = useUi((s) => s.filters);
  const sort = useUi((s) => s.sort);
  const setFilters = useUi((s) => s.setFilters);
  const setSort = useUi((s) => s.setSort);
  const saveFilter = useUi((s) => s.saveFilter);
  const [text, setText] = useState(filters.text);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => registerFocusTarget('search', () => search.current), []);
  useEffect(() => setText(filters.text), [filters.text]);
  // Debounced: the query runs when typing pauses, not on every key.
  useEffect(() => {
    if (text === useUi.getState().filters.text) return;
    const t = setTimeout(() => setFilters({ text }), 200);
    return () => clearTimeout(t);
  }, [text, setFilters]);

  const staff = users.filter((u) => isStaff(u.role)).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Group
      gap="xs"
      px="sm"
      py={6}
      wrap="wrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Title order={1} size="h5" mr="xs" style={{ whiteSpace: 'nowrap' }}>
        {title}
        <span style={{ fontWeight: 400, color: 'var(--mantine-color-dimmed)' }}>
          {count === null ? '' : ` · ${formatCount(count)}`}
        </span>
      </Title>
      <TextInput
        ref={search}
        placeholder="Search title or number  ( / )"
        aria-label="Search tickets"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            setFilters({ text });
            focusArea('list');
          } else if (e.key === 'Escape') {
            setText('');
            setFilters({ text: '' });
            focusArea('list');
          } else return;
          e.preventDefault();
        }}
        w={210}
      />
      <Select
        aria-label="Status"
        data={STATUS_CHOICES}
        value={statusChoice(filters.statuses)}
        onChange={(v) => setFilters({ statuses: statusesFor(v ?? 'any') })}
        allowDeselect={false}
        w={150}
      />
      <Select
        aria-label="Priority"
        placeholder="Any priority"
        data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        value={filters.priorities[0] ?? null}
        onChange={(v) => setFilters({ priorities: v ? [v as Priority] : [] })}
        clearable
        w={130}
      />
      <Select
        aria-label="Assignee"
        placeholder="Any assignee"
        data={[{ value: '', label: 'Unassigned' }, ...staff]}
        value={filters.assigneeId}
        onChange={(v) => setFilters({ assigneeId: v })}
        clearable
        searchable
        w={150}
      />
      <TextInput
        aria-label="Tag"
        placeholder="Tag"
        value={filters.tag ?? ''}
        onChange={(e) => setFilters({ tag: e.currentTarget.value.trim() || null })}
        w={90}
      />
      <Select
        aria-label="Sort by"
        data={SORTS}
        value={sort}
        onChange={(v) => v && setSort(v as SortKey)}
        allowDeselect={false}
        w={150}
      />
      <Button
        variant="subtle"
        color="gray"
        onClick={() => {
          const name = window.prompt('Name this view');
          if (name?.trim()) saveFilter(name.trim());
        }}
      >
        Save view
      </Button>
    </Group>
  );
}
