import { useState } from 'react';
import { flushSync } from 'react-dom';
import { moveFocus } from '../keyboard/focus';
import type { EditableField } from './field-edit';

/**
 * Which field of the open ticket is being edited. Opening renders the editor at once (flushSync), so its field has
 * focus before the next key arrives and a fast typist's text goes into it, not to the shortcuts. Closing hands focus
 * back to the pane. Another ticket shown closes the editor.
 */
export function useFieldEdit(ticketId: string | null) {
  const [state, setState] = useState<{ ticketId: string; field: EditableField } | null>(null);
  const editing = state && state.ticketId === ticketId ? state.field : null;
  return {
    editing,
    open(field: EditableField) {
      if (ticketId) flushSync(() => setState({ ticketId, field }));
    },
    close() {
      setState(null);
      moveFocus('detail');
    },
  };
}
