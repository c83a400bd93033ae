import { Button, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { keyHint } from '../keyboard/key-hint';

/**
 * Edits one text field in place. Enter saves (Mod+Enter in the multi-line description, where Enter is a new line),
 * Esc cancels. A refused save keeps the editor open with the text as typed and says why.
 */
export function InlineText({
  label,
  initial,
  multiline,
  onSave,
  onCancel,
}: {
  label: string;
  initial: string;
  multiline?: boolean;
  /** Resolves to the reason when the text was not saved, null when it was. */
  onSave(text: string): Promise<string | null>;
  onCancel(): void;
}) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (saving) return;
    setSaving(true);
    const refused = await onSave(text);
    setSaving(false);
    setError(refused);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const submit = e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey);
    if (submit) void save();
    else if (e.key === 'Escape') onCancel();
    else return;
    e.preventDefault();
  };
  const common = {
    'aria-label': label,
    autoFocus: true,
    value: text,
    error,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setText(e.currentTarget.value),
    onKeyDown,
    // The caret after the text, as if the person had clicked at its end.
    onFocus: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length),
  };
  return (
    <div>
      {multiline ? (
        <Textarea {...common} autosize minRows={3} maxRows={16} size="sm" />
      ) : (
        <TextInput {...common} size="sm" />
      )}
      <Group gap="xs" mt={4} justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {multiline ? keyHint('composer.send') : 'Enter'} to save · Esc to cancel
        </Text>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="compact-xs" onClick={() => void save()} loading={saving}>
            Save
          </Button>
        </Group>
      </Group>
    </div>
  );
}
