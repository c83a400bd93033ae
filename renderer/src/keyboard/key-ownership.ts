import type { KeyPress } from '../../../shared/keymap';

/**
 * Which keys the focused element handles itself, so that no global shortcut takes them: the one rule the key
 * dispatcher asks before acting. A key goes to a shortcut only when the element that has focus does not own it.
 *
 * - Text fields (inputs that take text, textareas, selects, contenteditable) own every key, except the few chords
 *   the keymap lets reach through them (`inFields`: the palette's Mod+K).
 * - Inside an open dialog, a menu or a picker (`[data-owns-keys]`) the dialog's own controls own every key: a
 *   shortcut never acts on the screen behind it.
 * - Buttons, links, menu items, checkboxes, radios, switches, tabs and options own Enter and Space (activation).
 * - Radios, tabs, options, sliders and composite widgets (listbox, grid, menu, radiogroup, tablist, tree) that are
 *   not one of our keyboard areas own the arrows, Home, End, Page Up/Down; menus and expanded comboboxes own Escape.
 * Our own areas (`[data-key-area]`: the ticket list, the detail pane, the workload) own nothing: the dispatcher
 * handles their keys.
 */
const ACTIVATION = new Set(['Enter', ' ']);
const NAVIGATION = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

const ACTIVATED_ROLES = new Set([
  'button',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'checkbox',
  'radio',
  'switch',
  'tab',
  'option',
  'treeitem',
]);
const NAVIGATED_ROLES = new Set([
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'radio',
  'tab',
  'option',
  'treeitem',
  'slider',
  'listbox',
  'grid',
  'menu',
  'menubar',
  'radiogroup',
  'tablist',
  'tree',
  'treegrid',
]);
/** Input types that are not typed into: they own only what their role says. */
const NON_TEXT_INPUTS: Record<string, string> = {
  checkbox: 'checkbox',
  radio: 'radio',
  button: 'button',
  submit: 'button',
  reset: 'button',
  image: 'button',
  file: 'button',
  color: 'button',
  range: 'slider',
};

/** Whether `target` is a field the user types into (keys there are text, not shortcuts). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target.isContentEditable || target.closest('[contenteditable=""], [contenteditable="true"]')) return true;
  return target instanceof HTMLInputElement && !(target.type in NON_TEXT_INPUTS);
}

/** The element's role: its explicit one, else the implicit one of the native controls that take keys. */
function roleOf(el: HTMLElement): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(' ')[0] ?? null;
  if (el instanceof HTMLButtonElement || el.tagName === 'SUMMARY') return 'button';
  if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) return 'link';
  if (el instanceof HTMLInputElement) return NON_TEXT_INPUTS[el.type] ?? null;
  return null;
}

/** Inside a modal dialog, an open menu or a picker, whose own controls take every key. */
const inOwnedLayer = (el: HTMLElement) =>
  el.closest('[data-owns-keys], [role="dialog"], [role="alertdialog"], [aria-modal="true"], [role="menu"]') !== null;

/** `reachesFields`: whether the press is a chord the keymap lets through text fields (outside dialogs). */
export function ownsKey(
  target: EventTarget | null,
  press: KeyPress,
  reachesFields: (press: KeyPress) => boolean = () => false,
): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTextField(target)) return !reachesFields(press) || inOwnedLayer(target);
  if (inOwnedLayer(target)) return true;
  if (target.closest('[data-key-area]') === target) return false;
  const role = roleOf(target);
  if (!role) return false;
  if (ACTIVATION.has(press.key) && ACTIVATED_ROLES.has(role)) return true;
  if (NAVIGATION.has(press.key) && NAVIGATED_ROLES.has(role)) return true;
  return press.key === 'Escape' && target.getAttribute('aria-expanded') === 'true';
}
