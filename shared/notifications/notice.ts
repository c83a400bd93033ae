import type { Notice, NotificationSettings } from '../ipc/contract';
import { isSilenced } from './quiet-hours';
import type { SlaNotification } from './text';

/**
 * A notice about one ticket (an escalation the server made), shown through `notify` at once, unless do-not-disturb
 * or quiet hours hold it back, as they hold back SLA alerts. Returns whether it was shown. Both shells use it.
 */
export function showNotice(
  notice: Notice,
  notify: (notification: SlaNotification) => void,
  settings: NotificationSettings,
  minuteOfDay: number,
): boolean {
  if (isSilenced(settings, minuteOfDay)) return false;
  notify({ title: notice.title, body: notice.body, target: { ticketId: notice.ticketId } });
  return true;
}
