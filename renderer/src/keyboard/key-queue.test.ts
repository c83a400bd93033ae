import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyQueue, type KeyQueue } from './key-queue';

/** Keys as the browser sends them: to the focused element, through the window's capture listener first. */
function type(...keys: string[]) {
  for (const key of keys) {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }
}

describe('keys typed while focus is on its way', () => {
  let queue: KeyQueue;
  let seen: string[];
  const capture = (event: KeyboardEvent) => queue.capture(event);
  const record = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement;
    seen.push(`${event.key}@${el.tagName.toLowerCase()}${'value' in el ? `:${(el as HTMLInputElement).value}` : ''}`);
  };
  beforeEach(() => {
    queue = createKeyQueue(document);
    seen = [];
    window.addEventListener('keydown', capture, true);
    window.addEventListener('keydown', record);
  });
  afterEach(() => {
    window.removeEventListener('keydown', capture, true);
    window.removeEventListener('keydown', record);
    queue.dispose();
    document.body.innerHTML = '';
  });

  it('pass untouched while nothing holds them', () => {
    type('j', 'Enter');
    expect(seen).toEqual(['j@body', 'Enter@body']);
  });

  it('reach the field that takes focus, text and every other key in the order typed', async () => {
    queue.hold('text-field');
    type('r', 'e', 'x', 'Backspace', 's', 'ArrowDown', 'Enter', 'Escape');
    expect(seen).toEqual([]);
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    await queue.idle();
    expect(field.value).toBe('res');
    // Each key press reaches the field with the text typed before it already there.
    expect(seen).toEqual([
      'r@input:',
      'e@input:r',
      'x@input:re',
      'Backspace@input:rex',
      's@input:re',
      'ArrowDown@input:res',
      'Enter@input:res',
      'Escape@input:res',
    ]);
  });

  it('keep waiting while focus lands elsewhere than the hold said', async () => {
    queue.hold('text-field');
    type('a');
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([]);
    const field = document.createElement('textarea');
    document.body.append(field);
    field.focus();
    await queue.idle();
    expect(field.value).toBe('a');
  });

  it('queue keys typed while earlier ones are delivered behind them', async () => {
    const hold = queue.hold(null);
    type('1', '2');
    hold.release();
    type('3');
    await queue.idle();
    type('4');
    expect(seen).toEqual(['1@body', '2@body', '3@body', '4@body']);
  });

  it('pause when a delivered key opens another hold, and go on once it ends', async () => {
    const holds: { release(): void }[] = [];
    const opener = (event: KeyboardEvent) => {
      if (event.key === 's') holds.push(queue.hold(null));
    };
    window.addEventListener('keydown', opener);
    const first = queue.hold(null);
    type('s', 'x', 'y');
    first.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['s@body']);
    for (const hold of holds) hold.release();
    await queue.idle();
    expect(seen).toEqual(['s@body', 'x@body', 'y@body']);
    window.removeEventListener('keydown', opener);
  });

  it('are delivered by every hold, also after one that held nothing', async () => {
    queue.hold(null).release();
    await queue.idle();
    const hold = queue.hold(null);
    type('n');
    hold.release();
    await queue.idle();
    expect(seen).toEqual(['n@body']);
  });

  it('deliver what they hold after the last resort, when focus never lands', async () => {
    queue.hold('text-field', 10);
    type('k');
    await queue.idle();
    expect(seen).toEqual(['k@body']);
  });
});
