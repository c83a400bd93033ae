import { Text } from '@mantine/core';
import { useState } from 'react';
import { focusArea } from '../keyboard/focus';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { type ConflictGroup, conflictText, recordIds } from './conflict-groups';
import { useNames } from './use-names';

/** A conflict in words, in the sync panel and in the ticket's pane: both values as the user knows them. */
export function ConflictLines({ group }: { group: ConflictGroup }) {
  const names = useNames();
  const text = conflictText(group, names);
  return (
    <>
      <Text size="xs" c="dimmed">
        Someone else changed “{text.field}” at the same time. Their value was kept; yours is saved here.
      </Text>
      <Text size="sm">Kept: {text.kept}</Text>
      <Text size="sm">Yours: {text.yours}</Text>
    </>
  );
}

/**
 * Re-apply mine / keep theirs for one conflict (every record of the user's change at once), each said out loud.
 * `returnFocus`: where focus goes once the buttons are gone (the pane's banner hands it back to the pane).
 */
export function useResolveConflict(group: ConflictGroup, returnFocus?: 'detail') {
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
