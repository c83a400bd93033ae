import { Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { bindingFor, createKeyMatcher, formatKeys } from '../../../shared/keymap';
import { isMacPlatform } from '../keyboard/dispatcher';
import { registerFocusTarget } from '../keyboard/focus';
import { holdKeysDuring } from '../keyboard/key-hold';

const sendKeys = bindingFor('composer.send').keys[0] ?? 'Mod+Enter';

/** Unsent text per ticket and kind, kept while the pane shows another ticket; sending or Esc ends it. */
const drafts = new Map<string, string>();

/** Reply or internal note; Mod+Enter sends, Esc cancels. Internal notes look different so nobody mails one by mistake. */
export function Composer({
  visibility,
  draftKey,
  onSend,
  onCancel,
}: {
  visibility: 'public' | 'internal';
  /** Which draft this is (its ticket and kind): the text comes back when the ticket is shown again. */
  draftKey: string;
  onSend(body: string): Promise<void>;
  onCancel(): void;
}) {
  const [body, setBody] = useState(() => drafts.get(draftKey) ?? '');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const matcher = useRef(createKeyMatcher({ isMac: isMacPlatform(), bindings: [bindingFor('composer.send')] }));
  useEffect(() => {
    ref.current?.focus();
    return registerFocusTarget('composer', () => ref.current);
  }, []);

  const send = async () => {
    if (!body.trim()) {
      setError('Write something first, or press Esc to cancel.');
      return;
    }
    try {
      await holdKeysDuring(() => onSend(body.trim()));
      drafts.delete(draftKey);
    } catch (e) {
      setError(`Not sent: ${(e as Error).message}`);
    }
  };
  const cancel = () => {
    drafts.delete(draftKey);
    onCancel();
  };
  const internal = visibility === 'internal';
  const label = internal ? 'Internal note (staff only)' : 'Reply to requester';
  return (
    <Paper withBorder p="xs" className={internal ? 'comment-internal' : 'comment-public'}>
      <Textarea
        ref={ref}
        label={label}
        autosize
        minRows={3}
        maxRows={12}
        value={body}
        error={error}
        onChange={(e) => {
          setBody(e.currentTarget.value);
          drafts.set(draftKey, e.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (matcher.current.press(e, performance.now()) !== null && body.trim()) {
            e.preventDefault();
            void send();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            cancel();
          }
        }}
      />
      <Group justify="space-between" mt={6}>
        <Text size="xs" c="dimmed">
          {formatKeys(sendKeys, isMacPlatform())} to send · Esc to cancel
        </Text>
        <Group gap={6}>
          <Button variant="default" onClick={cancel}>
            Cancel
          </Button>
          <Button onClick={() => void send()} color={internal ? 'yellow' : undefined}>
            {internal ? 'Add note' : 'Send reply'}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
