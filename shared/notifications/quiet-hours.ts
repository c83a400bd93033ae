import type { NotificationSettings } from '../ipc/contract';

/** Minutes since local midnight of a wall time `HH:MM` (`24:00` → 1440). */
export function wallMinutes(wallTime: string): number {
  const [hours, minutes] = wallTime.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * Whether `minuteOfDay` (local time) falls in the quiet hours. The range includes its start and excludes its end, and
 * may span midnight (`20:00`–`07:00`); a range whose start equals its end is empty.
 */
export function inQuietHours(quietHours: NotificationSettings['quietHours'], minuteOfDay: number): boolean {
  if (!quietHours.enabled) return false;
  const start = wallMinutes(quietHours.start);
  const end = wallMinutes(quietHours.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** Whether notifications are held back right now: do-not-disturb, or the quiet hours. */
export function isSilenced(settings: NotificationSettings, minuteOfDay: number): boolean {
  return settings.doNotDisturb || inQuietHours(settings.quietHours, minuteOfDay);
}

/** Local minute of the day of an epoch-ms instant, in the machine's time zone. */
export function localMinuteOfDay(epochMs: number): number {
  const date = new Date(epochMs);
  return date.getHours() * 60 + date.getMinutes();
}
