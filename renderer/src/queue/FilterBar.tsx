import { Autocomplete, Button, Group, Select, TextInput, Title } from '@mantine/core';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { ACTIVE_STATUSES, STATUS_LABELS, STATUSES, type Status } from '../../../shared/domain/lifecycle';
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../../../shared/domain/priority';
import { isStaff } from '../../../shared/domain/user';
import { focusArea, registerFocusTarget } from '../keyboard/focus';
import { formatCount } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { type SortKey, useUi } from '../ui-state';
import { sampleTags } from './known-tags';

const STATUS_CHOICES = [
  { value: 'active', label: 'Not resolved' },
  { value: 'any', label: 'Any status' },
  ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];
const statusChoice = (statuses: Status[]) =>
  statuses.length === 0 ? 'any' : statuses.length === 1 ? (statuses[0] ?? 'any') : 'active';
const statusesFor = (choice: string): Status[] =>
  choice === 'any' ? [] : choice === 'active' ? [...ACTIVE_STATUSES] : [choice as Status];

const PRIORITY_CHOICES = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'sla', label: 'SLA due' },
  { value: 'priority', label: 'Priority' },
  { value: 'updated', label: 'Recently updated' },
];

/** Title of the view, the text search (/) and the filters; Enter or Esc in the search returns to the list. */
export function FilterBar({ title, count }: { title: string; count: number | null }) {
  return (
    // Wraps in reading order when the list is narrow (split view, small windows): the title and search first, the
    // filters after them, "Save view" at the end of the last line.
    <div className="filter-bar">
      <Title order={1} size="h5" mr={4} style={{ whiteSpace: 'nowrap' }}>
        {title}
        <span style={{ fontWeight: 400, color: 'var(--mantine-color-dimmed)' }}>
          {count === null ? '' : ` · ${formatCount(count)}`}
        </span>
      </Title>
      <FilterControls />
    </div>
  );
}

/**
 * The search and the filters: they render again when the filters or the sort change, not when the view's title or
 * count does (a view switch with the default filters leaves these controls alone).
 */
const FilterControls = memo(function FilterControls() {
  const { users } = useWorkspace();
  const filters = useUi((s) => s.filters);
  const sort = useUi((s) => s.sort);
  const setFilters = useUi((s) => s.setFilters);
  const setSort = useUi((s) => s.setSort);
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

  const assignees = useMemo(
    () => [
      { value: '', label: 'Unassigned' },
      ...users.filter((u) => isStaff(u.role)).map((u) => ({ value: u.id, label: u.name })),
    ],
    [users],
  );
  return (
    <>
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
        style={{ flex: '1 1 170px', minWidth: 150, maxWidth: 300 }}
      />
      <Select
        aria-label="Status"
        data={STATUS_CHOICES}
        value={statusChoice(filters.statuses)}
        onChange={(v) => setFilters({ statuses: statusesFor(v ?? 'any') })}
        allowDeselect={false}
        w={140}
      />
      <Select
        aria-label="Priority"
        placeholder="Any priority"
        data={PRIORITY_CHOICES}
        value={filters.priorities[0] ?? null}
        onChange={(v) => setFilters({ priorities: v ? [v as Priority] : [] })}
        clearable
        w={120}
      />
      <Select
        aria-label="Assignee"
        placeholder="Any assignee"
        data={assignees}
        value={filters.assigneeId}
        onChange={(v) => setFilters({ assigneeId: v })}
        clearable
        searchable
        w={140}
      />
      <TagFilter />
      <Select
        aria-label="Sort by"
        data={SORTS}
        value={sort}
        onChange={(v) => v && setSort(v as SortKey)}
        allowDeselect={false}
        w={140}
      />
      <SaveView />
    </>
  );
});

/**
 * The tag filter: suggestions are the tags in use (learnt when the picker opens, see known-tags), any tag can be
 * typed. The filter applies when a suggestion is chosen, on Enter or when the field is left, not on every key.
 */
function TagFilter() {
  const { store } = useWorkspace();
  const tag = useUi((s) => s.filters.tag);
  const setFilters = useUi((s) => s.setFilters);
  const [text, setText] = useState(tag ?? '');
  const [known, setKnown] = useState<string[] | null>(null);
  const latest = useRef(text);
  useEffect(() => {
    setText(tag ?? '');
    latest.current = tag ?? '';
  }, [tag]);
  const apply = () => {
    const next = latest.current.trim() || null;
    if (next !== useUi.getState().filters.tag) setFilters({ tag: next });
  };
  return (
    <Autocomplete
      aria-label="Tag"
      placeholder="Any tag"
      data={known ?? []}
      value={text}
      onChange={(v) => {
        latest.current = v;
        setText(v);
      }}
      onDropdownOpen={() => {
        if (known === null) void sampleTags(store.db.tickets).then(setKnown);
      }}
      onOptionSubmit={(v) => {
        latest.current = v;
        apply();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          // After the picker has put the chosen suggestion in the field.
          setTimeout(() => {
            apply();
            focusArea('list');
          });
        } else if (e.key === 'Escape' && latest.current === '') focusArea('list');
      }}
      onBlur={apply}
      clearable
      onClear={() => {
        latest.current = '';
        setFilters({ tag: null });
      }}
      limit={30}
      maxDropdownHeight={260}
      w={110}
    />
  );
}

/** "Save view" turns into a name field in place: Enter keeps the view in the sidebar, Esc leaves it. */
function SaveView() {
  const saveFilter = useUi((s) => s.saveFilter);
  const announce = useUi((s) => s.announce);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const close = () => {
    setNaming(false);
    setName('');
  };
  if (!naming)
    return (
      <Button className="save-view" variant="subtle" color="gray" onClick={() => setNaming(true)}>
        Save view
      </Button>
    );
  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    saveFilter(trimmed);
    announce(`Saved view “${trimmed}”`);
    close();
    focusArea('list');
  };
  return (
    <Group
      className="save-view"
      gap={4}
      wrap="nowrap"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <TextInput
        aria-label="Name of the saved view"
        placeholder="Name this view"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          close();
          focusArea('list');
        }}
        onBlur={() => !name.trim() && close()}
        data-autofocus
        autoFocus
        maxLength={60}
        w={160}
      />
      <Button type="submit" variant="light" disabled={!name.trim()}>
        Save
      </Button>
      <Button variant="subtle" color="gray" onClick={close}>
        Cancel
      </Button>
    </Group>
  );
}
