import { describe, expect, it, vi } from 'vitest';
import type { KeyPress } from '../../../shared/keymap';
import { keyPress } from '../../../shared/testing/key-press';
import { createDispatcher } from './dispatcher';

const press = (key: string, target: EventTarget | null = document.body, mods: Partial<KeyPress> = {}) => ({
  ...keyPress(key, mods),
  target,
  preventDefault: vi.fn(),
});

/** An element inside a keyboard area, as the workspace renders them. */
function inArea(area: string, html: string): HTMLElement {
  const root = document.createElement('div');
  root.dataset.keyArea = area;
  root.tabIndex = -1;
  root.innerHTML = html;
  document.body.append(root);
  return (root.firstElementChild as HTMLElement | null) ?? root;
}

describe('the global key dispatcher', () => {
  it('sends list keys only to the list', () => {
    const d = createDispatcher({ isMac: false });
    const next = vi.fn();
    d.register('list', { 'list.next': next });
    expect(d.handle(press('j'), 'detail', 0)).toBe(false);
    expect(d.handle(press('j'), 'list', 0)).toBe(true);
    expect(d.handle(press('ArrowDown'), 'list', 0)).toBe(true);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('lets the area override a global action, else falls back to the global handler', () => {
    const d = createDispatcher({ isMac: false });
    const globalBack = vi.fn();
    const detailBack = vi.fn();
    d.register('global', { 'nav.back': globalBack });
    d.register('detail', { 'nav.back': detailBack });
    d.handle(press('Escape'), 'detail', 0);
    d.handle(press('Escape'), 'list', 0);
    expect(detailBack).toHaveBeenCalledTimes(1);
    expect(globalBack).toHaveBeenCalledTimes(1);
  });

  it('leaves Enter and Space to a focused button, even inside the list or the pane', () => {
    const d = createDispatcher({ isMac: false });
    const open = vi.fn();
    d.register('list', { 'list.open': open });
    d.register('detail', { 'list.open': open });
    const button = inArea('detail', '<button>Reply</button>');
    const event = press('Enter', button);
    expect(d.handle(event, 'detail', 0)).toBe(false);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(d.handle(press(' ', button), 'detail', 0)).toBe(false);
    // The area itself does not own Enter: there it opens the ticket.
    const list = inArea('list', '');
    expect(d.handle(press('Enter', list), 'list', 0)).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('ignores keys typed into fields, but still opens the palette with Mod+K', () => {
    const d = createDispatcher({ isMac: false });
    const assign = vi.fn();
    const palette = vi.fn();
    d.register('global', { 'ticket.assignToMe': assign, 'palette.open': palette });
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    document.body.append(input, area);
    for (const target of [input, area]) d.handle(press('a', target), 'list', 0);
    expect(assign).not.toHaveBeenCalled();
    d.handle(press('k', input, { ctrlKey: true }), 'list', 0);
    expect(palette).toHaveBeenCalledTimes(1);
  });

  it('undoes the last change with Mod+Z, but leaves Ctrl+Z in a field to undo the typing', () => {
    const d = createDispatcher({ isMac: false });
    const undo = vi.fn();
    d.register('global', { 'edit.undo': undo });
    const input = document.createElement('input');
    document.body.append(input);
    const inField = press('z', input, { ctrlKey: true });
    expect(d.handle(inField, 'detail', 0)).toBe(false);
    expect(inField.preventDefault).not.toHaveBeenCalled();
    expect(undo).not.toHaveBeenCalled();
    expect(d.handle(press('z', document.body, { ctrlKey: true }), 'list', 0)).toBe(true);
    expect(undo).toHaveBeenCalledTimes(1);
  });

  it('acts on nothing behind an open dialog', () => {
    const d = createDispatcher({ isMac: false });
    const status = vi.fn();
    d.register('global', { 'ticket.status': status });
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    dialog.append(checkbox);
    document.body.append(dialog);
    d.handle(press('s', checkbox), 'list', 0);
    d.handle(press('s', dialog), 'list', 0);
    expect(status).not.toHaveBeenCalled();
  });

  it('completes g-sequences to jump to views', () => {
    const d = createDispatcher({ isMac: false });
    const mine = vi.fn();
    d.register('global', { 'view.mine': mine });
    expect(d.handle(press('g'), 'list', 0)).toBe(true);
    d.handle(press('m'), 'list', 100);
    expect(mine).toHaveBeenCalledTimes(1);
  });

  it('answers a key the role may not use with the refusal, not the action', () => {
    const refuse = vi.fn();
    const d = createDispatcher({ isMac: false, allowed: (b) => b.requires === undefined, refuse });
    const workload = vi.fn();
    d.register('global', { 'view.workload': workload });
    d.handle(press('g'), 'list', 0);
    expect(d.handle(press('w'), 'list', 10)).toBe(true);
    expect(workload).not.toHaveBeenCalled();
    expect(refuse).toHaveBeenCalledWith(expect.objectContaining({ action: 'view.workload' }));
    expect(d.run('view.workload', 'list')).toBe(true);
    expect(workload).not.toHaveBeenCalled();
  });

  it('stops calling a handler once its area unregisters', () => {
    const d = createDispatcher({ isMac: false });
    const next = vi.fn();
    const off = d.register('list', { 'list.next': next });
    off();
    d.handle(press('j'), 'list', 0);
    expect(next).not.toHaveBeenCalled();
  });
});
