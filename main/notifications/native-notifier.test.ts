import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createNativeNotifier, type NotificationClass } from './native-notifier';

/** Records what would have been shown; `click()` plays the user clicking it. */
class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  static supported = true;
  static isSupported = () => FakeNotification.supported;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show() {
    FakeNotification.shown.push(this);
  }
}
// Structurally the constructor the notifier needs; Electron's own class needs a running Electron.
const NativeFake = FakeNotification as unknown as NotificationClass;

describe('native notifier', () => {
  it('shows the title and body, and a click opens the ticket', () => {
    FakeNotification.shown = [];
    const onClick = vi.fn();
    const notify = createNativeNotifier({ Notification: NativeFake, onClick, warn: () => {} });
    notify({ title: 'INC-1042 · P1 breached', body: 'Mail server down (resolution)', target: { ticketId: 't-1042' } });

    const [shown] = FakeNotification.shown;
    expect(shown?.options).toEqual({ title: 'INC-1042 · P1 breached', body: 'Mail server down (resolution)' });
    shown?.emit('click');
    expect(onClick).toHaveBeenCalledWith({ ticketId: 't-1042' });
  });

  it('a click on a summary only brings the app forward', () => {
    FakeNotification.shown = [];
    const onClick = vi.fn();
    createNativeNotifier({ Notification: NativeFake, onClick, warn: () => {} })({
      title: '5 tickets breached',
      body: 'INC-1, INC-2, INC-3 and 2 more',
      target: null,
    });
    FakeNotification.shown[0]?.emit('click');
    expect(onClick).toHaveBeenCalledWith(null);
  });

  it('logs instead of failing where the OS has no notifications', () => {
    FakeNotification.shown = [];
    FakeNotification.supported = false;
    const warn = vi.fn();
    createNativeNotifier({ Notification: NativeFake, onClick: vi.fn(), warn })({ title: 'x', body: '', target: null });
    expect(FakeNotification.shown).toEqual([]);
    expect(warn).toHaveBeenCalledWith('Native notifications are not supported here; not shown: x');
    FakeNotification.supported = true;
  });
});
