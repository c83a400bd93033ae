import { afterEach, describe, expect, it } from 'vitest';
import { ARM_MS, createTypeAhead } from './type-ahead';

const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
};

describe('keys typed while a field is opening', () => {
  const typeAhead = createTypeAhead(document);
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reach the field that takes focus next, as typed (Backspace included), instead of acting as shortcuts', () => {
    typeAhead.arm(0);
    const keys = ['r', 'e', 'x', 'Backspace', 's'].map((key) => press(document.body, key));
    expect(keys.map((event) => typeAhead.capture(event, 10))).toEqual([true, true, true, true, true]);
    expect(keys.every((event) => event.defaultPrevented)).toBe(true);

    const field = document.createElement('input');
    const typed: string[] = [];
    field.addEventListener('input', () => typed.push(field.value));
    document.body.append(field);
    field.focus();
    expect(field.value).toBe('res');
    expect(typed).toEqual(['res']);
    // Once the field has focus, keys are the field's own.
    expect(typeAhead.capture(press(document.body, 'a'), 20)).toBe(false);
  });

  it('leaves keys alone when nothing is opening, after the window, in fields, and with modifiers', () => {
    expect(typeAhead.capture(press(document.body, 'a'), 0)).toBe(false);
    typeAhead.arm(0);
    const field = document.createElement('textarea');
    document.body.append(field);
    expect(typeAhead.capture(press(field, 'a'), 10)).toBe(false);
    expect(typeAhead.capture(press(document.body, 'k', { ctrlKey: true }), 10)).toBe(false);
    expect(typeAhead.capture(press(document.body, 'Enter'), 10)).toBe(false);
    expect(typeAhead.capture(press(document.body, 'a'), ARM_MS + 1)).toBe(false);
  });
});
