import { Button, Group, Popover, TextInput } from '@mantine/core';
import { useState } from 'react';
import { focusArea } from '../keyboard/focus';
import { useUi } from '../ui-state';

/**
 * "Save view" asks for a name right where it was pressed: on the bar in a small popover under the button (the
 * bar's line keeps its width), in the Filters menu in place. Enter keeps the view in the sidebar and returns to the
 * list; Esc or Cancel leaves, focus back on the button that opened it.
 */
export function SaveView({ closeMenu }: { closeMenu?: (saved: boolean) => void }) {
  const [naming, setNaming] = useState(false);
  // A saved view sends focus to the list, so the popover must not hand it back to its button.
  const [saved, setSaved] = useState(false);
  const open = () => {
    setSaved(false);
    setNaming(true);
  };
  const done = (didSave: boolean) => {
    if (closeMenu) return closeMenu(didSave);
    setSaved(didSave);
    setNaming(false);
    if (didSave) focusArea('list');
  };
  const button = (
    <Button
      className="save-view"
      variant="subtle"
      color="gray"
      fullWidth={closeMenu !== undefined}
      justify={closeMenu ? 'flex-start' : undefined}
      onClick={() => (naming ? done(false) : open())}
    >
      Save view
    </Button>
  );
  const form = <NameForm onDone={done} />;
  if (closeMenu) return naming ? form : button;
  return (
    <Popover
      opened={naming}
      onChange={(opened) => (opened ? open() : done(false))}
      position="bottom-end"
      shadow="md"
      trapFocus
      returnFocus={!saved}
    >
      <Popover.Target>{button}</Popover.Target>
      <Popover.Dropdown data-owns-keys p={8}>
        {form}
      </Popover.Dropdown>
    </Popover>
  );
}

/** Esc is the popover's own (it closes it); Enter saves. */
function NameForm({ onDone }: { onDone: (saved: boolean) => void }) {
  const saveFilter = useUi((s) => s.saveFilter);
  const announce = useUi((s) => s.announce);
  const [name, setName] = useState('');
  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    saveFilter(trimmed);
    announce(`Saved view “${trimmed}”`);
    onDone(true);
  };
  return (
    // In the narrow menu the buttons go under the name rather than being cut.
    <Group
      gap={4}
      wrap="wrap"
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
        data-autofocus
        autoFocus
        maxLength={60}
        style={{ flex: '1 1 200px' }}
      />
      <Button type="submit" variant="light" disabled={!name.trim()}>
        Save
      </Button>
      <Button variant="subtle" color="gray" onClick={() => onDone(false)}>
        Cancel
      </Button>
    </Group>
  );
}
