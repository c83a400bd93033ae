import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { focusArea } from '../keyboard/focus';
import { useWorkspace } from '../rx/StoreContext';
import { useUi } from '../ui-state';
import { type ConflictGroup, conflictText, recordIds } from './conflict-groups';
import { useNames } from './use-names';

/**
 * A conflict in words — both values as the user knows them — with Re-apply mine and Keep theirs. In the sync panel
 * with a sentence on what happened; in the ticket's pane (`inPane`) as one dense row under the banner's sentence,
 * handing focus back to the pane once its buttons are gone.
 */
export function ConflictResolution({ group, inPane = false }: { group: ConflictGroup; inPane?: boolean }) {
  const names = useNames();
  const text = conflictText(group, names);
  const resolve = useResolveConflict(group, inPane ? 'detail' : undefined);
  const buttons = (
    <Group gap={6} wrap="nowrap">
      <Button size={inPane ? 'compact-sm' : 'sm'} color="orange" onClick={resolve.reapply}>
        Re-apply mine
      </Button>
      <Button size={inPane ? 'compact-sm' : 'sm'} variant="default" onClick={resolve.keepTheirs}>
        Keep theirs
      </Button>
    </Group>
  );
  const error = resolve.error && (
    <Text size="xs" c="red">
      {resolve.error}
    </Text>
  );
  if (inPane)
    return (
      <div data-testid="pane-conflict">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm">
            <Text span fw={600} size="sm">
              {text.field}
            </Text>{' '}
            · Kept: {text.kept} · Yours: {text.yours}
          </Text>
          {buttons}
        </Group>
        {error}
      </div>
    );
  return (
    <>
      <Text size="xs" c="dimmed">
        Someone else changed “{text.field}” at the same time. Their value was kept; yours is saved here.
      </Text>
      <Text size="sm">Kept: {text.kept}</Text>
      <Text size="sm">Yours: {text.yours}</Text>
      {error}
      <Group mt={6}>{buttons}</Group>
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
