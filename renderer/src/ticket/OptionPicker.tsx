import { Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useState } from 'react';

export interface PickerOption {
  value: string;
  label: string;
  hint?: string;
}

/**
 * A keyboard picker: type to filter, ↑/↓ to move, Enter to choose, Esc to cancel. The input keeps focus and the
 * options form an ARIA listbox announced through aria-activedescendant; focus returns where it was on close.
 */
export function OptionPicker({
  title,
  options,
  current,
  onPick,
  onClose,
}: {
  title: string;
  options: PickerOption[];
  current?: string;
  onPick(value: string): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q ? options.filter((o) => `${o.label} ${o.hint ?? ''}`.toLowerCase().includes(q)) : options;
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
    } else return;
    e.preventDefault();
  };

  return (
    <Modal opened onClose={onClose} title={title} size="sm" data-owns-keys>
      <Stack gap={6}>
        <TextInput
          data-autofocus
          placeholder="Type to filter"
          aria-label={`${title}: filter`}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown[index] ? `${listId}-${index}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div role="listbox" id={listId} aria-label={title} style={{ maxHeight: 320, overflow: 'auto' }}>
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
              py={5}
              style={{
                borderRadius: 4,
                display: 'flex',
                justifyContent: 'space-between',
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
                <Text span size="xs" c="dimmed">
                  {o.hint}
                </Text>
              )}
            </UnstyledButton>
          ))}
        </div>
      </Stack>
    </Modal>
  );
}
