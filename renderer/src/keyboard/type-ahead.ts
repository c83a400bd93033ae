import { isTypingTarget } from './dispatcher';

/**
 * Keys typed right after a key opened a field (s, p, r, c, Mod+K…) but before that field has focus: a fast typist's
 * "s r e s" must filter the status picker, not press r (reply) and e and s on the list. From `arm()` (a picker, the
 * palette, a composer or a form is opening) until a text field receives focus, or for ARM_MS at most, printable
 * keys and Backspace are held back instead of acting as shortcuts; the first text field to take focus receives them
 * as if typed there.
 */
export const ARM_MS = 1000;

export interface TypeAhead {
  arm(now: number): void;
  /** Holds `event` back if armed and it was not typed into a field; true when it did. */
  capture(event: KeyboardEvent, now: number): boolean;
  dispose(): void;
}

export function createTypeAhead(doc: Document = document): TypeAhead {
  let armedUntil = 0;
  let held = '';
  const onFocusIn = (event: FocusEvent) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
    armedUntil = 0;
    const text = held;
    held = '';
    if (text) insertText(doc, field, text);
  };
  doc.addEventListener('focusin', onFocusIn);
  return {
    arm(now) {
      armedUntil = now + ARM_MS;
      held = '';
    },
    capture(event, now) {
      if (now >= armedUntil || isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
        return false;
      }
      if (event.key === 'Backspace') held = held.slice(0, -1);
      else if (event.key.length === 1) held += event.key;
      else return false;
      event.preventDefault();
      return true;
    },
    dispose() {
      doc.removeEventListener('focusin', onFocusIn);
    },
  };
}

/** Inserts at the caret as typing would (an `input` event React sees); jsdom lacks execCommand. */
function insertText(doc: Document, field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  if (typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text)) return;
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, field.value + text);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}
