import { describe, expect, it } from 'vitest';
import { SlaAlertSchema } from '../ipc/contract';
import { slaAlertsFor } from './alerts';
import { evaluateSla, type SlaTicket } from './engine';
import { at, calendar, POLICY, slaTicket } from './testing';

const BERLIN = 'Europe/Berlin';
const t = (local: string) => at(local, BERLIN);
const iso = (local: string) => new Date(t(local)).toISOString();
const CREATED = t('2026-06-10T10:00');
const alertsAt = (local: string, ticket: SlaTicket = slaTicket(CREATED)) =>
  slaAlertsFor(
    'INC-1042',
    'VPN drops every hour',
    'ticket-1',
    'P2',
    evaluateSla({ ticket, policy: POLICY, calendar: calendar(BERLIN, [['09:00', '17:00']]), now: t(local) }),
  );

describe('slaAlertsFor', () => {
  it('schedules the warning and breach of each running clock', () => {
    const alerts = alertsAt('2026-06-10T10:10');
    expect(alerts.map(({ clock, kind, at }) => [clock, kind, at])).toEqual([
      ['response', 'warning', iso('2026-06-10T10:45')],
      ['response', 'breach', iso('2026-06-10T11:00')],
      ['resolution', 'warning', iso('2026-06-10T16:00')],
      ['resolution', 'breach', iso('2026-06-11T10:00')],
    ]);
    for (const alert of alerts) expect(SlaAlertSchema.parse(alert)).toEqual(alert);
    expect(alerts[0]).toMatchObject({ ticketId: 'ticket-1', label: 'INC-1042', title: 'VPN drops every hour' });
  });

  it('a breached clock schedules only its breach, not a stale warning', () => {
    const alerts = alertsAt('2026-06-10T12:00');
    expect(alerts.filter((a) => a.clock === 'response').map((a) => a.kind)).toEqual(['breach']);
  });

  it('stopped and paused clocks schedule nothing', () => {
    const answered = slaTicket(CREATED, { firstResponseAt: t('2026-06-10T10:05') });
    expect(alertsAt('2026-06-10T10:10', answered).map((a) => a.clock)).toEqual(['resolution', 'resolution']);
    const pending = slaTicket(CREATED, { pauses: [[t('2026-06-10T10:05'), null]] });
    expect(alertsAt('2026-06-10T10:10', pending)).toEqual([]);
  });
});
