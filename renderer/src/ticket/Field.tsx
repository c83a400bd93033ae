import { Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { KeyAction } from '../../../shared/keymap';
import { useDispatcher } from '../keyboard/KeyboardContext';
import { keyHint } from '../keyboard/key-hint';

/**
 * A field of the open ticket: its label with the key that edits it, and its value as a button (click or press the
 * key). While its editor is open the editor takes the value's place and the whole row, so a picker has room.
 */
export function Field({
  label,
  action,
  editor,
  wide,
  after,
  children,
}: {
  label: string;
  action?: KeyAction;
  editor?: ReactNode;
  /** Spans the row (long values such as a catalog item's name). */
  wide?: boolean;
  /** Shown under the value, outside its button (links of their own). */
  after?: ReactNode;
  children: ReactNode;
}) {
  const dispatcher = useDispatcher();
  // A field the user's role may not change is shown as plain text, with no key to offer.
  const editable = action !== undefined && dispatcher.allows(action) ? action : undefined;
  const body = (
    <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
      {children}
    </Text>
  );
  return (
    <div style={editor || wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed">
        {label}
        {editable && (
          <>
            {' '}
            <kbd className="key">{keyHint(editable)}</kbd>
          </>
        )}
      </Text>
      {editor ??
        (editable ? (
          <UnstyledButton
            onClick={() => dispatcher.run(editable, 'detail')}
            aria-label={`${label}: change`}
            data-field={editable}
            style={{ borderRadius: 4, maxWidth: '100%' }}
          >
            {body}
          </UnstyledButton>
        ) : (
          body
        ))}
      {after}
    </div>
  );
}
