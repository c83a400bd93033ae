import { isTextField } from './key-ownership';

/**
 * Keys typed while focus is on its way somewhere (a picker, the palette, a form or a composer opening; the ticket
 * pane or the list taking focus back after a dialog) wait here, and are then delivered, in the order typed, where
 * the focus landed, as if typed there: characters into the field, every other key as a key press (Enter, Escape,
 * the arrows, Tab, chords). No key is dropped and none overtakes another, however slowly the page renders.
 *
 * While a hold is open every key is queued (the window's capture phase, before any element sees it). A hold ends
 * when focus lands where it said (a text field, a dialog), when its opener releases it, or after `maxMs` as a last
 * resort. Then the queue drains one key per task, so that what a key changed (a
 * filtered list, a picker closing) is rendered before the next key arrives; a key that opens another hold pauses
 * the drain until that one ends. Keys typed during the drain join the end of the queue.
 */
/** Where the focus must land to end a hold; null: only its opener (or the last resort) ends it. */
export type Landing = 'text-field' | 'dialog' | null;

export interface Hold {
  release(): void;
}

export interface KeyQueue {
  hold(until: Landing, maxMs?: number): Hold;
  /** For the window's capture-phase keydown listener: true when the key was queued (the page must ignore it). */
  capture(event: KeyboardEvent): boolean;
  /** Resolves once nothing is held or queued (tests). */
  idle(): Promise<void>;
  dispose(): void;
}

/** The last resort: a hold whose focus never lands delivers its keys after this long. */
export const MAX_HOLD_MS = 5000;

interface HeldKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface OpenHold {
  until: Landing;
  timer: ReturnType<typeof setTimeout>;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'OS']);

const lands = (until: Landing, el: Element): boolean =>
  until === 'text-field' ? isTextField(el) : until === 'dialog' && el.closest('[role="dialog"]') !== null;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createKeyQueue(doc: Document = document): KeyQueue {
  const holds = new Set<OpenHold>();
  const queue: HeldKey[] = [];
  let replaying = false;
  let draining: Promise<void> | null = null;

  const end = (hold: OpenHold) => {
    if (!holds.delete(hold)) return;
    clearTimeout(hold.timer);
    if (holds.size === 0) void drain();
  };
  const onFocusIn = (event: FocusEvent) => {
    if (!(event.target instanceof Element)) return;
    for (const hold of [...holds]) if (lands(hold.until, event.target)) end(hold);
  };
  doc.addEventListener('focusin', onFocusIn);

  async function deliverAll(): Promise<void> {
    while (queue.length > 0 && holds.size === 0) {
      await nextTask();
      const key = holds.size === 0 ? queue.shift() : undefined;
      if (key) deliver(doc, key, replay);
    }
  }
  function drain(): Promise<void> {
    draining ??= deliverAll().finally(() => {
      draining = null;
      // A hold ended while the last delivery was finishing: go on.
      if (queue.length > 0 && holds.size === 0) void drain();
    });
    return draining;
  }
  const replay = (run: () => boolean): boolean => {
    replaying = true;
    try {
      return run();
    } finally {
      replaying = false;
    }
  };

  return {
    hold(until, maxMs = MAX_HOLD_MS) {
      const hold: OpenHold = { until, timer: setTimeout(() => end(hold), maxMs) };
      holds.add(hold);
      return { release: () => end(hold) };
    },
    capture(event) {
      if (replaying || event.isComposing || MODIFIER_KEYS.has(event.key)) return false;
      if (holds.size === 0 && queue.length === 0) return false;
      queue.push({
        key: event.key,
        code: event.code,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
      });
      event.preventDefault();
      event.stopImmediatePropagation();
      return true;
    },
    async idle() {
      while (holds.size > 0 || queue.length > 0 || draining) await (draining ?? nextTask());
    },
    dispose() {
      doc.removeEventListener('focusin', onFocusIn);
      for (const hold of holds) clearTimeout(hold.timer);
      holds.clear();
    },
  };
}

/**
 * Delivers a queued key to the focused element as a key press; unless a handler prevented it, does what the browser
 * does for a typed key there (script-made key events insert no text and activate nothing by themselves).
 */
function deliver(doc: Document, key: HeldKey, replay: (run: () => boolean) => boolean): void {
  const target = (doc.activeElement as HTMLElement | null) ?? doc.body;
  const event = new KeyboardEvent('keydown', { ...key, bubbles: true, cancelable: true, composed: true });
  if (replay(() => target.dispatchEvent(event))) typedDefault(doc, target, key);
}

const plain = (key: HeldKey) => !key.ctrlKey && !key.metaKey && !key.altKey;

function typedDefault(doc: Document, target: HTMLElement, key: HeldKey): void {
  if (isTextField(target) && !(target instanceof HTMLSelectElement)) {
    if (key.key.length === 1 && plain(key)) insertText(doc, target, key.key);
    else if (key.key === 'Backspace' && plain(key)) deleteBack(doc, target);
    else if (key.key === 'Enter' && plain(key) && !(target instanceof HTMLInputElement)) insertText(doc, target, '\n');
    else if (key.key === 'Enter' && target instanceof HTMLInputElement) target.form?.requestSubmit();
    else if (key.key === 'Tab') moveFocusByTab(doc, target, key.shiftKey);
    return;
  }
  if (key.key === 'Tab') moveFocusByTab(doc, target, key.shiftKey);
  else if ((key.key === 'Enter' || key.key === ' ') && activates(target, key.key)) target.click();
}

/** Enter and Space activate buttons and their like; Enter follows links; Space ticks checkboxes and radios. */
function activates(el: HTMLElement, key: string): boolean {
  if (el instanceof HTMLInputElement) return key === ' ' ? ['checkbox', 'radio'].includes(el.type) : false;
  if (el instanceof HTMLButtonElement) return true;
  if (el instanceof HTMLAnchorElement) return key === 'Enter' && el.hasAttribute('href');
  const role = el.getAttribute('role') ?? '';
  return ['button', 'link', 'menuitem', 'option', 'tab', 'checkbox', 'switch', 'radio'].includes(role);
}

/** Inserts at the caret as typing would (an `input` event React sees). */
function insertText(doc: Document, field: HTMLElement, text: string): void {
  if (!doc.execCommand?.('insertText', false, text)) setValue(field, (value) => value + text);
}

function deleteBack(doc: Document, field: HTMLElement): void {
  if (!doc.execCommand?.('delete')) setValue(field, (value) => value.slice(0, -1));
}

/** Where execCommand is missing (jsdom): the value as React's own setter would see it, then an input event. */
function setValue(field: HTMLElement, change: (value: string) => string): void {
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, change(field.value));
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** Tab as the browser does it, within the open modal dialog if there is one. */
function moveFocusByTab(doc: Document, from: HTMLElement, back: boolean): void {
  const scope = from.closest('[aria-modal="true"]') ?? doc.body;
  const stops = [...scope.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[hidden], [inert]') && el.getClientRects().length > 0,
  );
  if (stops.length === 0) return;
  const at = stops.indexOf(from);
  const next = at === -1 ? 0 : (at + (back ? -1 : 1) + stops.length) % stops.length;
  stops[next]?.focus();
}
