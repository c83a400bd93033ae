import { Autocomplete, type AutocompleteProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { focusArea } from '../keyboard/focus';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { sampleTags } from './known-tags';

/**
 * The tag filter: suggestions are the tags in use (learnt when the picker opens, see known-tags), any tag can be
 * typed. The filter applies when a suggestion is chosen, on Enter or when the field is left, not on every key.
 */
export function TagFilter(props: Pick<AutocompleteProps, 'label' | 'aria-label' | 'w' | 'comboboxProps'>) {
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
      {...props}
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
    />
  );
}
