import { describe, expect, it } from 'vitest';
import { at, HOUR, OFFICE_RULES, slaTicket } from '../../../shared/sla/testing';
import { formatDuration, ticketSlaView } from './sla-display';

const BERLIN = 'Europe/Berlin';
const t = (local: string) => at(local, BERLIN);
/** Wednesday 10:00: P2 allows 1 h to respond and 8 business hours to resolve; both warn at 75 %. */
const CREATED = t('2026-06-10T10:00');

describe('SLA countdown text', () => {
  it('shows seconds under an hour, hours and minutes under two days, then days', () => {
    expect(formatDuration(5 * 60_000 + 7_000)).toBe('5m 07s');
    expect(formatDuration(3 * 3_600_000 + 4 * 60_000)).toBe('3h 04m');
    expect(formatDuration(-(50 * 3_600_000))).toBe('−2d 2h');
  });

  it('counts business time, names the clock a row shows, and colours it by the policy’s warning share', () => {
    const ticket = slaTicket(CREATED);
    const early = ticketSlaView(ticket, OFFICE_RULES, t('2026-06-10T10:30'));
    expect(early.headline).toMatchObject({ clock: 'response', state: 'ok', short: '30m 00s', text: '30m 00s left' });
    expect(ticketSlaView(ticket, OFFICE_RULES, t('2026-06-10T10:45')).headline.state).toBe('warning');
    // Answered: the resolution clock speaks; overnight only business hours count.
    const answered = slaTicket(CREATED, { firstResponseAt: t('2026-06-10T10:20') });
    const nextDay = ticketSlaView(answered, OFFICE_RULES, t('2026-06-11T09:30'));
    expect(nextDay.headline).toMatchObject({ clock: 'resolution', state: 'warning', short: '30m 00s' });
    expect(nextDay.response).toMatchObject({ state: 'met', text: 'Met' });
  });

  it('says how far over a breached clock is, running or paused, never a negative time "left"', () => {
    const late = ticketSlaView(slaTicket(CREATED), OFFICE_RULES, t('2026-06-10T13:00'));
    expect(late.response).toMatchObject({ state: 'breached', short: '−2h 00m', text: '2h 00m over' });
    const waiting = slaTicket(CREATED, { status: 'pending', pauses: [[t('2026-06-10T12:00'), null]] });
    const paused = ticketSlaView(waiting, OFFICE_RULES, t('2026-06-12T15:00'));
    expect(paused.response).toMatchObject({ state: 'paused', short: 'Paused', text: 'Paused · 1h 00m over' });
    expect(paused.resolution).toMatchObject({ state: 'paused', text: 'Paused · 6h 00m left' });
  });

  it('says a clock that stopped late was met late', () => {
    const ticket = slaTicket(CREATED, { firstResponseAt: t('2026-06-10T11:30') });
    const view = ticketSlaView(ticket, OFFICE_RULES, t('2026-06-10T12:00'));
    expect(view.response).toMatchObject({ state: 'breached', short: 'Late', text: 'Met late · 30m 00s over' });
  });

  it('claims nothing without the ticket’s policy', () => {
    const view = ticketSlaView(slaTicket(CREATED), { policies: new Map(), calendars: new Map() }, CREATED + HOUR);
    expect(view.headline).toMatchObject({ state: 'none', short: '—' });
  });
});
