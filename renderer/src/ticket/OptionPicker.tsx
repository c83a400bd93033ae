import { Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useState } from 'react';

export interface PickerOption {
  value: string;
  label: string;
  hint?: string;
}

export interface OptionListProps {
  /** Names the field and the list for screen readers. */
  title: string;
  options: PickerOption[];
  current?: string;
  onPick(value: string): void;
  /** Esc, when no dialog around the list handles it (the inline editors). */
  onCancel?(): void;
  /** An option made from what was typed, offered after the matches (a new category). */
  typed?(query: string): PickerOption | null;
  /** Why the last choice was not saved; shown under the field. */
  error?: string | null;
  /** Inline: the field takes focus as it renders, so the next key already goes into it. */
  autoFocus?: boolean;
}

/**
 * A keyboard picker's body: type to filter, ↑/↓ to move, Enter to choose. The input keeps focus and the options form
 * an ARIA listbox announced through aria-activedescendant.
 */
export function OptionList({ title, options, current, onPick, onCancel, typed, error, autoFocus }: OptionListProps) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const matches = q ? options.filter((o) => `${o.label} ${o.hint ?? ''}`.toLowerCase().includes(q)) : options;
  const made = q && !matches.some((o) => o.label.toLowerCase() === q) ? typed?.(query) : null;
  const shown = made ? [...matches, made] : matches;
  const start = Math.max(
    0,
    shown.findIndex((o) => o.value === current),
  );
  const [active, setActive] = useState(start);
  const index = Math.min(active, shown.length - 1);
  const listId = useId();

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive(Math.min(index + 1, shown.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(index - 1, 0));
    else if (e.key === 'Enter') {
      const option = shown[index];
      if (option) onPick(option.value);
    } else if (e.key === 'Escape' && onCancel) onCancel();
    else return;
    e.preventDefault();
  };

  return (
    <Stack gap={6}>
      <TextInput
        data-autofocus
        autoFocus={autoFocus}
        size={autoFocus ? 'xs' : 'sm'}
        placeholder="Type to filter"
        aria-label={`${title}: filter`}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[index] ? `${listId}-${index}` : undefined}
        value={query}
        error={error}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div role="listbox" id={listId} aria-label={title} style={{ maxHeight: autoFocus ? 220 : 320, overflow: 'auto' }}>
        {shown.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            Nothing matches “{query}”. Press Esc to cancel.
          </Text>
        )}
        {shown.map((o, i) => (
          <UnstyledButton
            key={o.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === index}
            tabIndex={-1}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(o.value)}
            w="100%"
            px="xs"
            py={autoFocus ? 3 : 5}
            style={{
              borderRadius: 4,
              display: 'flex',
              justifyContent: 'space-between',
              gap: 12,
              fontSize: 13,
              background: i === index ? 'var(--mantine-color-default-hover)' : undefined,
              boxShadow: i === index ? 'inset 0 0 0 2px var(--mantine-color-indigo-5)' : undefined,
            }}
          >
            <span>
              {o.label}
              {o.value === current ? ' (current)' : ''}
            </span>
            {o.hint && (
              <Text span size="xs" c="dimmed" truncate="end">
                {o.hint}
              </Text>
            )}
          </UnstyledButton>
        ))}
      </div>
    </Stack>
  );
}

/** The picker as a dialog (status, priority, queue, assignee); focus returns where it was on close. */
export function OptionPicker({
  onClose,
  ...list
}: Omit<OptionListProps, 'onCancel' | 'autoFocus'> & { onClose(): void }) {
  return (
    <Modal opened onClose={onClose} title={list.title} size="sm" data-owns-keys>
      <OptionList {...list} />
    </Modal>
  );
}
