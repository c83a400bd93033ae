import { describe, expect, it } from 'vitest';
import { bindingAllowed, bindingFor, createKeyMatcher, formatKeys, KEYMAP, type KeyBinding } from './keymap';
import { keyPress as press } from './testing/key-press';

describe('keyboard map', () => {
  it('gives every action a label and at least one key, and no key to two actions in one scope', () => {
    const seen = new Map<string, string>();
    for (const binding of KEYMAP) {
      expect(binding.label.length).toBeGreaterThan(0);
      expect(binding.keys.length).toBeGreaterThan(0);
      for (const key of binding.keys) {
        const slot = `${binding.scope}:${key.toLowerCase()}:${key}`;
        expect(seen.get(slot), `${key} is bound twice`).toBeUndefined();
        seen.set(slot, binding.action);
      }
    }
  });

  it('moves with j/k and the arrows, opens with Enter or o', () => {
    const keys = createKeyMatcher({ isMac: false });
    expect(keys.press(press('j'), 0)).toMatchObject({ action: 'list.next' });
    expect(keys.press(press('ArrowDown'), 0)).toMatchObject({ action: 'list.next' });
    expect(keys.press(press('k'), 0)).toMatchObject({ action: 'list.prev' });
    expect(keys.press(press('Enter'), 0)).toMatchObject({ action: 'list.open' });
    expect(keys.press(press('o'), 0)).toMatchObject({ action: 'list.open' });
  });

  it('tells x from Shift+x and a from Shift+A', () => {
    const keys = createKeyMatcher({ isMac: false });
    expect(keys.press(press('x'), 0)).toMatchObject({ action: 'list.toggleSelect' });
    expect(keys.press(press('X', { shiftKey: true }), 0)).toMatchObject({ action: 'list.rangeSelect' });
    expect(keys.press(press('a'), 0)).toMatchObject({ action: 'ticket.assignToMe' });
    expect(keys.press(press('A', { shiftKey: true }), 0)).toMatchObject({ action: 'ticket.assignTo' });
  });

  it('uses Ctrl for Mod on Windows and Linux, ⌘ on macOS', () => {
    expect(createKeyMatcher({ isMac: false }).press(press('k', { ctrlKey: true }), 0)).toMatchObject({
      action: 'palette.open',
    });
    expect(createKeyMatcher({ isMac: false }).press(press('k', { metaKey: true }), 0)).toBeNull();
    expect(createKeyMatcher({ isMac: true }).press(press('k', { metaKey: true }), 0)).toMatchObject({
      action: 'palette.open',
    });
    // A plain k must not open the palette, and Ctrl+j must not move the selection.
    expect(createKeyMatcher({ isMac: false }).press(press('j', { ctrlKey: true }), 0)).toBeNull();
  });

  it('opens help with ? however the layout produces it', () => {
    expect(createKeyMatcher({ isMac: false }).press(press('?', { shiftKey: true }), 0)).toMatchObject({
      action: 'help.keys',
    });
  });

  it('completes g-sequences within the timeout and forgets them after', () => {
    const keys = createKeyMatcher({ isMac: false, sequenceTimeoutMs: 1000 });
    expect(keys.press(press('g'), 0)).toBe('pending');
    expect(keys.press(press('u'), 500)).toMatchObject({ action: 'view.unassigned' });
    expect(keys.press(press('g'), 2000)).toBe('pending');
    expect(keys.press(press('q'), 3500)).toBeNull();
    expect(keys.press(press('g'), 4000)).toBe('pending');
    expect(keys.press(press('m'), 4100)).toMatchObject({ action: 'view.mine' });
  });

  it('opens saved views 1 to 9 with g and a digit, and saves the view shown with Shift+S', () => {
    const keys = createKeyMatcher({ isMac: false });
    expect(keys.press(press('g'), 0)).toBe('pending');
    expect(keys.press(press('1'), 10)).toMatchObject({ action: 'view.saved.1' });
    expect(keys.press(press('g'), 20)).toBe('pending');
    expect(keys.press(press('9'), 30)).toMatchObject({ action: 'view.saved.9' });
    expect(keys.press(press('S', { shiftKey: true }), 40)).toMatchObject({ action: 'view.save' });
    expect(keys.press(press('s'), 50)).toMatchObject({ action: 'ticket.status' });
    // The ? overlay shows the nine as one row.
    const bindings: readonly KeyBinding[] = KEYMAP;
    expect(new Set(bindings.flatMap((b) => (b.action.startsWith('view.saved.') ? [b.helpRow] : []))).size).toBe(1);
  });

  it('after an unfinished sequence, the next key still does its own job', () => {
    const keys = createKeyMatcher({ isMac: false });
    keys.press(press('g'), 0);
    expect(keys.press(press('j'), 10)).toMatchObject({ action: 'list.next' });
  });

  it('formats keys for people on each platform', () => {
    expect(formatKeys('Mod+k', false)).toBe('Ctrl K');
    expect(formatKeys('Mod+k', true)).toBe('⌘ K');
    expect(formatKeys('g q', false)).toBe('G then Q');
    expect(formatKeys('ArrowDown', false)).toBe('↓');
    expect(formatKeys('Shift+x', false)).toBe('Shift X');
  });

  it('offers a technician no key for what they cannot change, and everything else as to an agent', () => {
    const withheld = KEYMAP.filter((b) => !bindingAllowed(b, 'technician')).map((b) => b.action);
    expect(withheld.sort()).toEqual(
      ['ticket.assignTo', 'ticket.assignToMe', 'ticket.moveQueue', 'ticket.requester', 'view.workload'].sort(),
    );
    expect(bindingAllowed(bindingFor('ticket.assignTo'), 'agent')).toBe(true);
    expect(bindingAllowed(bindingFor('ticket.status'), 'technician')).toBe(true);
  });
});
