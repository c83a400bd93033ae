import { useEffect, useMemo, useRef } from 'react';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { getPlatform } from '../platform';
import { useRxQueries } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { runningClocksFor } from '../rx/store-api';
import { buildSchedule, scheduleKey } from './schedule';

/** Tickets with a running clock the user cares about; the nearest few thousand are enough for the next hours. */
const WATCH_LIMIT = 2000;

/**
 * Keeps the desktop shell's SLA alert schedule up to date: the user's own tickets (agents, technicians), their
 * queues, or everything (supervisors). Sent only when it changes, debounced so a burst of sync writes sends once.
 * Each query walks an index in deadline order (openKey, see shared/rxdb/schemas.ts) and stops at WATCH_LIMIT: an
 * agent's tickets and queues are one query each, merged here, never an `$or` (which reads every ticket).
 */
export function SlaSchedule() {
  const { store, me, slaRules } = useWorkspace();
  const found = useRxQueries(store.db.tickets, runningClocksFor(me, WATCH_LIMIT)).docs;
  const tickets = useMemo(() => nearestDue(found), [found]);
  const sent = useRef('');
  useEffect(() => {
    const t = setTimeout(() => {
      const alerts = buildSchedule(tickets, slaRules, Date.now());
      const key = scheduleKey(alerts);
      if (key === sent.current) return;
      sent.current = key;
      void getPlatform().scheduleSlaAlerts({ alerts });
    }, 1500);
    return () => clearTimeout(t);
  }, [tickets, slaRules]);
  return null;
}

/** The union of the scopes' tickets, each once, nearest deadline first, at most WATCH_LIMIT. */
function nearestDue(tickets: readonly LocalTicket[]): Ticket[] {
  const unique = [...new Map(tickets.map((t) => [t.id, t])).values()];
  return unique.sort((a, b) => a.openKey - b.openKey || a.id.localeCompare(b.id)).slice(0, WATCH_LIMIT);
}
