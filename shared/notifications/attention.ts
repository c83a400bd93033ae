import type { SlaAlert } from '../ipc/contract';

/** Distinct tickets currently breached, and those in warning but not breached: the tray count and the badge. */
export interface Attention {
  breached: number;
  warning: number;
}

export interface TimedAlert {
  alert: SlaAlert;
  /** `alert.at` in epoch ms. */
  atMs: number;
  /** ticketId + clock + kind: one notification per key. */
  key: string;
}

export const alertKey = (alert: Pick<SlaAlert, 'ticketId' | 'clock' | 'kind'>): string =>
  `${alert.ticketId}|${alert.clock}|${alert.kind}`;

/** A ticket is breached once any of its breach instants has passed, in warning once any warning instant has. */
export function attentionAt(alerts: readonly TimedAlert[], nowMs: number): Attention {
  const breached = new Set<string>();
  const warning = new Set<string>();
  for (const { alert, atMs } of alerts) {
    if (atMs > nowMs) continue;
    (alert.kind === 'breach' ? breached : warning).add(alert.ticketId);
  }
  for (const ticketId of breached) warning.delete(ticketId);
  return { breached: breached.size, warning: warning.size };
}

export const attentionTotal = (attention: Attention): number => attention.breached + attention.warning;

/** The first instant after `nowMs`, when a notification may fire or the count changes; null when none is left. */
export function nextInstantAfter(alerts: readonly TimedAlert[], nowMs: number): number | null {
  let next: number | null = null;
  for (const { atMs } of alerts) if (atMs > nowMs && (next === null || atMs < next)) next = atMs;
  return next;
}
