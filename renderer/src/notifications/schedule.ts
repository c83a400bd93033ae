import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { MAX_SCHEDULED_ALERTS, type SlaAlert } from '../../../shared/ipc/contract';
import { evaluateTicket, type SlaRules, slaAlertsFor } from '../../../shared/sla';

/**
 * The alert schedule for the tickets the user cares about: every warning and breach instant of their running clocks,
 * nearest first, capped at what the platform accepts. A ticket whose policy cannot be evaluated is skipped (the
 * detail pane says why).
 */
export function buildSchedule(tickets: readonly Ticket[], rules: SlaRules, now: number): SlaAlert[] {
  const alerts: SlaAlert[] = [];
  for (const t of tickets) {
    const evaluation = evaluateTicket(t, rules, now);
    if (evaluation) alerts.push(...slaAlertsFor(ticketLabel(t), t.title.slice(0, 200), t.id, t.priority, evaluation));
  }
  return alerts.sort((a, b) => a.at.localeCompare(b.at)).slice(0, MAX_SCHEDULED_ALERTS);
}

export const scheduleKey = (alerts: readonly SlaAlert[]) =>
  alerts.map((a) => `${a.ticketId}:${a.clock}:${a.kind}:${a.at}`).join('|');
