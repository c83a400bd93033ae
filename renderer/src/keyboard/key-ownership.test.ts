import { afterEach, describe, expect, it } from 'vitest';
import type { KeyPress } from '../../../shared/keymap';
import { keyPress as press } from '../../../shared/testing/key-press';
import { ownsKey } from './key-ownership';

function element(html: string, select = ':scope > *'): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  const el = host.querySelector<HTMLElement>(select);
  if (!el) throw new Error(`nothing matches ${select}`);
  return el;
}

const KEYS = ['Enter', ' ', 'ArrowDown', 'Home', 'Escape', 'j', 'a'];
/** For each kind of focusable control the workspace renders: the keys it handles itself. */
const TABLE: [string, string, string[]][] = [
  ['button', '<button>Reply</button>', ['Enter', ' ']],
  ['link', '<a href="#x">Open</a>', ['Enter', ' ']],
  ['anchor without href', '<a>text</a>', []],
  ['role=button', '<div role="button" tabindex="0">x</div>', ['Enter', ' ']],
  ['menu item in its menu', '<div role="menu"><span role="menuitem" tabindex="0">Sign out</span></div>', KEYS],
  ['checkbox', '<input type="checkbox">', ['Enter', ' ']],
  ['radio', '<input type="radio">', ['Enter', ' ', 'ArrowDown', 'Home']],
  ['switch', '<div role="switch" tabindex="0"></div>', ['Enter', ' ']],
  ['tab', '<div role="tab" tabindex="0"></div>', ['Enter', ' ', 'ArrowDown', 'Home']],
  ['option', '<div role="option" tabindex="0"></div>', ['Enter', ' ', 'ArrowDown', 'Home']],
  ['another listbox', '<div role="listbox" tabindex="0"></div>', ['ArrowDown', 'Home']],
  ['slider', '<input type="range">', ['ArrowDown', 'Home']],
  ['text input', '<input type="text">', KEYS],
  ['search input', '<input type="search">', KEYS],
  ['number input', '<input type="number">', KEYS],
  ['date input', '<input type="date">', KEYS],
  ['combobox input', '<input role="combobox" aria-expanded="true">', KEYS],
  ['textarea', '<textarea></textarea>', KEYS],
  ['select', '<select><option>a</option></select>', KEYS],
  ['contenteditable', '<div contenteditable="true"></div>', KEYS],
  ['expanded menu button', '<button aria-expanded="true">Menu</button>', ['Enter', ' ', 'Escape']],
  ['inside a dialog', '<div role="dialog"><span tabindex="0">x</span></div>', KEYS],
  ['inside a picker', '<div data-owns-keys><span tabindex="0">x</span></div>', KEYS],
  ['our ticket list', '<div role="listbox" tabindex="0" data-key-area="list"></div>', []],
  ['our ticket pane', '<section tabindex="-1" data-key-area="detail"></section>', []],
];

describe('which keys the focused element owns', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each(TABLE)('%s', (_, html, owned) => {
    const el = element(html, /dialog|data-owns-keys|role="menu"/.test(html) ? 'span' : ':scope > *');
    expect(KEYS.filter((key) => ownsKey(el, press(key)))).toEqual(owned);
  });

  it('lets the chords the keymap allows reach through a text field, not through a dialog', () => {
    const throughFields = (p: KeyPress) => p.ctrlKey && p.key === 'k';
    const field = element('<input type="text">');
    expect(ownsKey(field, press('k', { ctrlKey: true }), throughFields)).toBe(false);
    expect(ownsKey(field, press('z', { ctrlKey: true }), throughFields)).toBe(true);
    const inDialog = element('<div role="dialog"><input type="text"></div>', 'input');
    expect(ownsKey(inDialog, press('k', { ctrlKey: true }), throughFields)).toBe(true);
  });

  it('leaves keys on the page itself (nothing focused) to the shortcuts', () => {
    expect(KEYS.filter((key) => ownsKey(document.body, press(key)))).toEqual([]);
  });
});
