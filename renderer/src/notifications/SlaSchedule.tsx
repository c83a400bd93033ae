import { useEffect, useRef } from 'react';
import { NO_DUE } from '../../../shared/domain/ticket';
import { getPlatform } from '../platform';
import { useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { buildSchedule, scheduleKey } from './schedule';

/** Tickets with a running clock the user cares about; the nearest few thousand are enough for the next hours. */
const WATCH_LIMIT = 2000;

/**
 * Keeps the desktop shell's SLA alert schedule up to date: the user's own tickets (agents, technicians), their
 * queues, or everything (supervisors). Sent only when it changes, debounced so a burst of sync writes sends once.
 */
export function SlaSchedule() {
  const { store, me } = useWorkspace();
  const everyone = me.role === 'supervisor' || me.role === 'admin';
  const running = { slaDueAt: { $lt: NO_DUE } };
  const selector = everyone
    ? running
    : me.role === 'technician'
      ? { assigneeId: me.id, ...running }
      : { $or: [{ assigneeId: me.id }, { queueId: { $in: me.queueIds } }], ...running };
  const tickets = useRxQuery(store.db.tickets, {
    selector,
    sort: [{ slaDueAt: 'asc' }, { id: 'asc' }],
    limit: WATCH_LIMIT,
  }).docs;
  const policies = useRxQuery(store.db.sla_policies, { selector: {} }).docs;
  const calendars = useRxQuery(store.db.calendars, { selector: {} }).docs;
  const sent = useRef('');
  useEffect(() => {
    const t = setTimeout(() => {
      const alerts = buildSchedule(
        tickets,
        new Map(policies.map((p) => [p.id, p])),
        new Map(calendars.map((c) => [c.id, c])),
        Date.now(),
      );
      const key = scheduleKey(alerts);
      if (key === sent.current) return;
      sent.current = key;
      void getPlatform().scheduleSlaAlerts({ alerts });
    }, 1500);
    return () => clearTimeout(t);
  }, [tickets, policies, calendars]);
  return null;
}
