import type { SlaAlert } from '../ipc/contract';

/** What a native notification says, and which ticket a click opens (null: a summary, which only focuses the app). */
export interface SlaNotification {
  title: string;
  body: string;
  target: { ticketId: string } | null;
}

const CLOCK_NAMES: Record<SlaAlert['clock'], string> = { response: 'first response', resolution: 'resolution' };

/** `15 min`, `2 h`, `1 h 30 min`; never below a minute. */
export function formatLead(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * `INC-1042 · P1 breached` / `INC-1042 · P1 breaches in 15 min`, with the ticket title and the clock in the body.
 * `breachAtMs` is the breach instant of the same ticket and clock when the schedule has it.
 */
export function alertNotification(alert: SlaAlert, nowMs: number, breachAtMs: number | null): SlaNotification {
  const what =
    alert.kind === 'breach'
      ? 'breached'
      : breachAtMs !== null && breachAtMs > nowMs
        ? `breaches in ${formatLead(breachAtMs - nowMs)}`
        : 'nears its SLA target';
  return {
    title: `${alert.label} · ${alert.priority} ${what}`,
    body: alert.title ? `${alert.title} (${CLOCK_NAMES[alert.clock]})` : `${CLOCK_NAMES[alert.clock]} target`,
    target: { ticketId: alert.ticketId },
  };
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** One notification for a storm: `5 tickets breached, 2 warnings`, naming the first few tickets. */
export function summaryNotification(alerts: readonly SlaAlert[]): SlaNotification {
  const breached = new Set(alerts.filter((a) => a.kind === 'breach').map((a) => a.ticketId));
  const warned = new Set(
    alerts.filter((a) => a.kind === 'warning' && !breached.has(a.ticketId)).map((a) => a.ticketId),
  );
  const parts: string[] = [];
  if (breached.size > 0) parts.push(`${plural(breached.size, 'ticket', 'tickets')} breached`);
  if (warned.size > 0) parts.push(plural(warned.size, 'warning', 'warnings'));
  const labels = [...new Set(alerts.map((a) => a.label))];
  const shown = labels.slice(0, 3).join(', ');
  const body = labels.length > 3 ? `${shown} and ${labels.length - 3} more` : shown;
  return { title: parts.join(', '), body, target: null };
}
