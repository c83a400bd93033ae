import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { focusArea } from '../keyboard/focus';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { type ConflictGroup, conflictText, recordIds } from './conflict-groups';
import { useNames } from './use-names';

/**
 * A conflict in words — both values as the user knows them — with Re-apply mine and Keep theirs, in the sync panel
 * and in the ticket's pane. `returnFocus`: where focus goes once the buttons are gone (the pane's banner hands it
 * back to the pane).
 */
export function ConflictResolution({ group, returnFocus }: { group: ConflictGroup; returnFocus?: 'detail' }) {
  const names = useNames();
  const text = conflictText(group, names);
  const resolve = useResolveConflict(group, returnFocus);
  const size = returnFocus ? 'compact-sm' : 'sm';
  return (
    <>
      <Text size="xs" c="dimmed">
        Someone else changed “{text.field}” at the same time. Their value was kept; yours is saved here.
      </Text>
      <Text size="sm">Kept: {text.kept}</Text>
      <Text size="sm">Yours: {text.yours}</Text>
      {resolve.error && (
        <Text size="xs" c="red">
          {resolve.error}
        </Text>
      )}
      <Group gap={6} mt={6}>
        <Button size={size} color="orange" onClick={resolve.reapply}>
          Re-apply mine
        </Button>
        <Button size={size} variant="default" onClick={resolve.keepTheirs}>
          Keep theirs
        </Button>
      </Group>
    </>
  );
}

/** Re-apply mine / keep theirs for one conflict (every record of the user's change at once), each said out loud. */
function useResolveConflict(group: ConflictGroup, returnFocus?: 'detail') {
  const { store } = useWorkspace();
  const names = useNames();
  const [error, setError] = useState<string | null>(null);
  const { field, yours, kept } = conflictText(group, names);
  const done = (text: string) => {
    useUi.getState().announce(text);
    if (returnFocus) focusArea(returnFocus);
  };
  return {
    error,
    reapply() {
      void store.conflicts.reapply(...recordIds(group)).then((r) => {
        if (r.ok) done(`Re-applied your ${field}: ${yours}`);
        else setError(r.error);
      });
    },
    keepTheirs() {
      void store.conflicts.dismiss(...recordIds(group)).then(() => done(`Kept their ${field}: ${kept}`));
    },
  };
}
