import { TextInput, Title } from '@mantine/core';
import { memo, useEffect, useRef, useState } from 'react';
import { focusArea, registerFocusTarget } from '../keyboard/focus';
import { formatCount } from '../rx/hooks';
import { useUi } from '../ui-state';
import { FILTER_CONTROLS } from './filter-fit';
import { FilterControlView } from './filter-pickers';
import { MoreFilters } from './MoreFilters';
import { useFilterFit } from './use-filter-fit';

/**
 * Title of the view, the text search (/) and the filters, on one line at any width (see filter-fit): the controls
 * that do not fit wait behind a Filters button. Enter or Esc in the search returns to the list.
 */
export function FilterBar({ title, count }: { title: string; count: number | null }) {
  const fit = useFilterFit();
  return (
    <div className="filter-bar" ref={fit.bar}>
      <Title ref={fit.title} order={1} size="h5" className="filter-title">
        {title}
        <span style={{ fontWeight: 400, color: 'var(--mantine-color-dimmed)' }}>
          {count === null ? '' : ` · ${formatCount(count)}`}
        </span>
      </Title>
      <FilterControls inline={fit.fit.inline} fullHint={fit.fit.fullHint} />
    </div>
  );
}

/**
 * The search and the filters: they render again when the fit changes, not when the view's title or count does (a
 * view switch leaves these controls alone; each picker follows its own filter).
 */
const FilterControls = memo(function FilterControls({ inline, fullHint }: { inline: number; fullHint: boolean }) {
  const hidden = FILTER_CONTROLS.slice(inline);
  return (
    <>
      <SearchField fullHint={fullHint} />
      {FILTER_CONTROLS.slice(0, inline).map((c) => (
        <FilterControlView key={c} control={c} />
      ))}
      {hidden.length > 0 && <MoreFilters controls={hidden} allHidden={inline === 0} />}
    </>
  );
});

function SearchField({ fullHint }: { fullHint: boolean }) {
  const filterText = useUi((s) => s.filters.text);
  const setFilters = useUi((s) => s.setFilters);
  const [text, setText] = useState(filterText);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => registerFocusTarget('search', () => search.current), []);
  useEffect(() => setText(filterText), [filterText]);
  // Debounced: the query runs when typing pauses, not on every key.
  useEffect(() => {
    if (text === useUi.getState().filters.text) return;
    const t = setTimeout(() => setFilters({ text }), 200);
    return () => clearTimeout(t);
  }, [text, setFilters]);
  return (
    <TextInput
      ref={search}
      className="filter-search"
      placeholder={fullHint ? 'Search title or number  ( / )' : 'Search  ( / )'}
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
    />
  );
}
