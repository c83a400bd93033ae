import type { BusinessCalendar } from '../../../shared/domain/calendar';
import type { SlaPolicy } from '../../../shared/domain/sla-policy';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { MAX_SCHEDULED_ALERTS, type SlaAlert } from '../../../shared/ipc/contract';
import { evaluateSla, slaAlertsFor } from '../../../shared/sla';

/**
 * The alert schedule for the tickets the user cares about: every warning and breach instant of their running clocks,
 * nearest first, capped at what the platform accepts. A ticket whose policy cannot be evaluated is skipped.
 */
export function buildSchedule(
  tickets: readonly Ticket[],
  policies: ReadonlyMap<string, SlaPolicy>,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  now: number,
): SlaAlert[] {
  const alerts: SlaAlert[] = [];
  for (const t of tickets) {
    const policy = policies.get(t.sla.policyId);
    const calendar = policy ? calendars.get(policy.calendarId) : undefined;
    if (!policy || !calendar) continue;
    try {
      alerts.push(
        ...slaAlertsFor(
          ticketLabel(t),
          t.title.slice(0, 200),
          t.id,
          t.priority,
          evaluateSla({ ticket: t, policy, calendar, now }),
        ),
      );
    } catch {
      /* misconfigured policy: the detail pane shows the stored due times instead */
    }
  }
  return alerts.sort((a, b) => a.at.localeCompare(b.at)).slice(0, MAX_SCHEDULED_ALERTS);
}

export const scheduleKey = (alerts: readonly SlaAlert[]) =>
  alerts.map((a) => `${a.ticketId}:${a.clock}:${a.kind}:${a.at}`).join('|');
