import { Button, Group, Modal, Popover, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PRESET_NAME_MAX } from '../../../shared/domain/preset';
import { focusArea, restoreFocus } from '../keyboard/focus';
import { holdKeysDuring } from '../keyboard/key-hold';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { definitionShown } from './view-query';

/**
 * "Save view" asks for a name right where it was pressed: on the bar in a small popover under the button (the
 * bar's line keeps its width), in the Filters menu in place. Enter keeps the view in the sidebar (and on the user's
 * other workstations) and returns to the list; Esc or Cancel leaves, focus back on the button that opened it.
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

/** Shift+S (or the palette): the same name field in a small dialog, wherever the Save view button is. */
export function SaveViewDialog() {
  const open = useUi((s) => s.saveViewOpen);
  const setOverlay = useUi((s) => s.setOverlay);
  // Mounted only while open, so focus moves on as soon as it closes (no exit transition holding it).
  if (!open) return null;
  const close = (saved: boolean) => {
    setOverlay('saveView', false);
    restoreFocus(saved ? 'list' : undefined);
  };
  return (
    <Modal opened onClose={() => close(false)} title="Save this view" size="sm">
      <NameForm onDone={close} />
    </Modal>
  );
}

/**
 * Esc is the popover's or dialog's own (it closes it); Enter saves. The view is the store's from then on (synced);
 * a name the store refuses stays in the field with the reason under it.
 */
function NameForm({ onDone }: { onDone: (saved: boolean) => void }) {
  const { store, savedViews } = useWorkspace();
  const showSaved = useUi((s) => s.showSaved);
  const announce = useUi((s) => s.announce);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed || saving) return;
    setSaving(true);
    // Keys typed while it saves act on the list it returns to, not in the closing name field.
    const result = await holdKeysDuring(() =>
      store.savedViews.create({ name: trimmed, definition: definitionShown(useUi.getState(), savedViews) }),
    );
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    showSaved(result.value);
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
        void save();
      }}
    >
      <TextInput
        aria-label="Name of the saved view"
        placeholder="Name this view"
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setError(null);
        }}
        error={error}
        data-autofocus
        autoFocus
        maxLength={PRESET_NAME_MAX}
        style={{ flex: '1 1 200px' }}
      />
      <Button type="submit" variant="light" disabled={!name.trim()} loading={saving}>
        Save
      </Button>
      <Button variant="subtle" color="gray" onClick={() => onDone(false)}>
        Cancel
      </Button>
    </Group>
  );
}
