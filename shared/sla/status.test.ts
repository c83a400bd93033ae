import { describe, expect, it } from 'vitest';
import { evaluateSla } from './engine';
import { breachedByChange, ticketSlaStatus } from './status';
import { at, OFFICE, OFFICE_RULES, POLICY, slaTicket } from './testing';

const BERLIN = 'Europe/Berlin';
const t = (local: string) => at(local, BERLIN);
/** Wednesday 10:00; P2 allows 1 h to respond and 8 business hours to resolve, P4 8 h and 40 h; warning at 75 %. */
const CREATED = t('2026-06-10T10:00');
const status = (ticket: ReturnType<typeof slaTicket>, now: string) => ticketSlaStatus(ticket, OFFICE_RULES, t(now));

describe('the SLA status every surface shows', () => {
  it('follows the running clock due first: ok, warning at the policy’s share, breached at the due time', () => {
    const ticket = slaTicket(CREATED);
    expect(status(ticket, '2026-06-10T10:44')?.headline).toMatchObject({ clock: 'response', status: 'ok' });
    expect(status(ticket, '2026-06-10T10:45')?.headline).toMatchObject({ clock: 'response', status: 'warning' });
    expect(status(ticket, '2026-06-10T11:00')?.headline).toMatchObject({ clock: 'response', status: 'breached' });
  });

  it('shows the resolution clock once the response stopped, and keeps it once the ticket is resolved', () => {
    const answered = slaTicket(CREATED, { firstResponseAt: t('2026-06-10T10:30') });
    expect(status(answered, '2026-06-10T12:00')).toMatchObject({
      headline: { clock: 'resolution', status: 'ok' },
      response: { status: 'met', stopped: true },
    });
    const late = slaTicket(CREATED, { firstResponseAt: t('2026-06-10T11:30'), resolvedAt: t('2026-06-11T09:30') });
    expect(status(late, '2026-06-12T12:00')).toMatchObject({
      headline: { clock: 'resolution', status: 'met' },
      response: { status: 'breached', stopped: true },
    });
  });

  it('says paused while the ticket waits, even past its target, with how far over it is', () => {
    const waiting = slaTicket(CREATED, { status: 'pending', pauses: [[t('2026-06-10T12:00'), null]] });
    expect(status(waiting, '2026-06-15T12:00')?.headline).toMatchObject({
      clock: 'response',
      status: 'paused',
      remainingMs: -60 * 60_000,
    });
  });

  it('knows nothing without the ticket’s policy or calendar', () => {
    expect(ticketSlaStatus(slaTicket(CREATED), { policies: new Map(), calendars: new Map() }, CREATED)).toBeNull();
  });
});

describe('breachedByChange', () => {
  it('names the clocks a raised priority breaches at once, and none that were breached already', () => {
    const now = t('2026-06-10T12:00');
    const evaluate = (priority: 'P2' | 'P4', firstResponseAt: number | null = null) =>
      evaluateSla({ ticket: slaTicket(CREATED, { priority, firstResponseAt }), policy: POLICY, calendar: OFFICE, now });
    // P4 allows 8 h to respond; two hours in, P2 allows one: the response clock breaches at once.
    expect(breachedByChange(evaluate('P4'), evaluate('P2')).map((c) => c.clock)).toEqual(['response']);
    expect(breachedByChange(evaluate('P2'), evaluate('P4'))).toEqual([]);
    expect(breachedByChange(evaluate('P2'), evaluate('P2'))).toEqual([]);
    // A response given after 90 minutes was in time for P4 and is late for P2: that breaches it too.
    const answered = t('2026-06-10T11:30');
    expect(breachedByChange(evaluate('P4', answered), evaluate('P2', answered)).map((c) => c.clock)).toEqual([
      'response',
    ]);
  });
});
