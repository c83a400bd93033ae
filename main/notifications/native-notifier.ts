import type { Notification, NotificationConstructorOptions } from 'electron';
import type { SlaNotification } from '../../shared/notifications/text';

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'on' | 'show'>;
  isSupported(): boolean;
}

export interface NativeNotifierOptions {
  Notification: NotificationClass;
  /** A click: focus the window, and open the ticket when the notification is about one. */
  onClick(target: SlaNotification['target']): void;
  warn(message: string): void;
}

/** Notifications still on screen: kept referenced so their click handler is not garbage-collected. */
const MAX_LIVE = 50;

/** Shows scheduler notifications as native OS notifications. */
export function createNativeNotifier(options: NativeNotifierOptions): (notification: SlaNotification) => void {
  const live = new Set<Pick<Notification, 'on' | 'show'>>();
  return ({ title, body, target }) => {
    if (!options.Notification.isSupported()) {
      options.warn(`Native notifications are not supported here; not shown: ${title}`);
      return;
    }
    const native = new options.Notification({ title, body });
    const forget = () => live.delete(native);
    native.on('click', () => {
      forget();
      options.onClick(target);
    });
    native.on('close', forget);
    native.on('failed', (_event, error) => {
      forget();
      options.warn(`Notification failed: ${error}`);
    });
    live.add(native);
    if (live.size > MAX_LIVE) {
      const oldest = live.values().next();
      if (!oldest.done) live.delete(oldest.value);
    }
    native.show();
  };
}
