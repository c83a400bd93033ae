import { Badge, Button, Popover, Stack } from '@mantine/core';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { focusArea } from '../keyboard/focus';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { changedSettings } from './filter-choices';
import type { FilterControl } from './filter-fit';
import { FilterControlView } from './filter-pickers';

/**
 * The controls that do not fit on the filter bar's line, behind one button. The button counts the settings behind
 * it that differ from a fresh view and names them (tooltip and accessible name), so no filter in force is hidden.
 */
export function MoreFilters({ controls, allHidden }: { controls: readonly FilterControl[]; allHidden: boolean }) {
  const { users } = useWorkspace();
  const changed = useUi(
    useShallow((s) => changedSettings(controls, s.filters, s.sort, (id) => users.find((u) => u.id === id)?.name ?? id)),
  );
  const named = changed.join(' · ');
  const word = allHidden ? 'Filters' : 'More';
  const [opened, setOpened] = useState(false);
  // Saving a view from the menu sends focus to the list, so the menu must not hand it back to its button.
  const [saved, setSaved] = useState(false);
  const toggle = (open: boolean) => {
    if (open) setSaved(false);
    setOpened(open);
  };
  const closeMenu = (didSave: boolean) => {
    setSaved(didSave);
    setOpened(false);
    if (didSave) focusArea('list');
  };
  return (
    <Popover
      opened={opened}
      onChange={toggle}
      position="bottom-end"
      width={260}
      shadow="md"
      trapFocus
      returnFocus={!saved}
    >
      <Popover.Target>
        <Button
          className="more-filters"
          variant="default"
          onClick={() => toggle(!opened)}
          title={named || undefined}
          aria-label={named ? `${word}: ${named}` : word}
          rightSection={
            changed.length > 0 ? (
              <Badge size="sm" circle variant="filled">
                {changed.length}
              </Badge>
            ) : undefined
          }
        >
          {word}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-owns-keys>
        <Stack gap="xs">
          {controls.map((c) => (
            <FilterControlView key={c} control={c} closeMenu={closeMenu} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
