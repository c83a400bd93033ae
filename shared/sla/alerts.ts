/**
 * The notification schedule for one ticket: the warning and breach instants of its running clocks, for the desktop
 * shell to fire natively (main owns the timers and de-duplicates per ticket and state).
 *
 * Guarantees: stopped and paused clocks schedule nothing (their instants are not fixed); a clock that has already
 * breached schedules only its breach, never a stale warning.
 */

import type { Priority } from '../domain/priority';
import type { SlaAlert } from '../ipc/contract';
import { isRunning, type SlaEvaluation } from './engine';

export function slaAlertsFor(
  ticketLabel: string,
  title: string,
  ticketId: string,
  priority: Priority,
  evaluation: SlaEvaluation,
): SlaAlert[] {
  const alerts: SlaAlert[] = [];
  for (const clock of [evaluation.response, evaluation.resolution]) {
    if (!isRunning(clock)) continue;
    const base = { ticketId, label: ticketLabel, title, priority, clock: clock.clock };
    if (clock.state !== 'breached') alerts.push({ ...base, kind: 'warning', at: iso(clock.warningAt) });
    alerts.push({ ...base, kind: 'breach', at: iso(clock.dueAt) });
  }
  return alerts;
}

const iso = (ms: number): string => new Date(ms).toISOString();
