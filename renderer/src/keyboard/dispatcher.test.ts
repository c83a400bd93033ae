import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from './dispatcher';

const press = (key: string, target: EventTarget | null = document.body, mods: Partial<KeyboardEvent> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
  target,
  preventDefault: vi.fn(),
});

describe('the global key dispatcher', () => {
  it('sends list keys only to the list when it has focus', () => {
    const d = createDispatcher(false);
    const next = vi.fn();
    d.register('list', { 'list.next': next });
    expect(d.handle(press('j'), 'detail', 0)).toBe(false);
    expect(d.handle(press('j'), 'list', 0)).toBe(true);
    expect(d.handle(press('ArrowDown'), 'list', 0)).toBe(true);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('lets the focused area override a global action, else falls back to the global handler', () => {
    const d = createDispatcher(false);
    const globalBack = vi.fn();
    const detailBack = vi.fn();
    d.register('global', { 'nav.back': globalBack });
    d.register('detail', { 'nav.back': detailBack });
    d.handle(press('Escape'), 'detail', 0);
    d.handle(press('Escape'), 'list', 0);
    expect(detailBack).toHaveBeenCalledTimes(1);
    expect(globalBack).toHaveBeenCalledTimes(1);
  });

  it('ignores keys typed into fields, but still opens the palette with Mod+K', () => {
    const d = createDispatcher(false);
    const assign = vi.fn();
    const palette = vi.fn();
    d.register('global', { 'ticket.assignToMe': assign, 'palette.open': palette });
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(input, area, editable);
    for (const target of [input, area]) d.handle(press('a', target), 'list', 0);
    expect(assign).not.toHaveBeenCalled();
    d.handle(press('k', input, { ctrlKey: true }), 'list', 0);
    expect(palette).toHaveBeenCalledTimes(1);
  });

  it('undoes the last change with Mod+Z, but leaves Ctrl+Z in a field to undo the typing', () => {
    const d = createDispatcher(false);
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

  it('ignores keys inside an open picker', () => {
    const d = createDispatcher(false);
    const status = vi.fn();
    d.register('global', { 'ticket.status': status });
    const picker = document.createElement('div');
    picker.dataset.ownsKeys = '';
    const option = document.createElement('button');
    picker.append(option);
    document.body.append(picker);
    d.handle(press('s', option), 'list', 0);
    expect(status).not.toHaveBeenCalled();
  });

  it('completes g-sequences to jump to views', () => {
    const d = createDispatcher(false);
    const mine = vi.fn();
    d.register('global', { 'view.mine': mine });
    expect(d.handle(press('g'), 'list', 0)).toBe(true);
    d.handle(press('m'), 'list', 100);
    expect(mine).toHaveBeenCalledTimes(1);
  });

  it('stops calling a handler once its area unregisters', () => {
    const d = createDispatcher(false);
    const next = vi.fn();
    const off = d.register('list', { 'list.next': next });
    off();
    d.handle(press('j'), 'list', 0);
    expect(next).not.toHaveBeenCalled();
  });
});
