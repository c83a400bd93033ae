import type { KeyPress } from '../keymap';

/** A key press as the keymap's matcher sees it: `key` with no modifier unless `mods` says so. */
export const keyPress = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
