import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../domain/lifecycle';
import type { TicketSla } from '../domain/ticket';
import { evaluateSla } from './engine';
import { applyStatusChange } from './pauses';
import { at, calendar, HOUR, POLICY, slaTicket } from './testing';

const BERLIN = 'Europe/Berlin';
const iso = (local: string) => new Date(at(local, BERLIN)).toISOString();
const fresh = (): TicketSla => slaTicket(at('2026-06-10T10:00', BERLIN)).sla;
const change = (sla: TicketSla, from: Status, to: Status, local: string) =>
  applyStatusChange(sla, from, to, iso(local), POLICY);

describe('applyStatusChange', () => {
  it('waiting on the requester opens a pause and answering closes it', () => {
    const pending = change(fresh(), 'open', 'pending', '2026-06-10T11:00');
    expect(pending.pauses).toEqual([{ from: iso('2026-06-10T11:00'), to: null }]);
    const reopened = change(pending, 'pending', 'open', '2026-06-10T14:00');
    expect(reopened.pauses).toEqual([{ from: iso('2026-06-10T11:00'), to: iso('2026-06-10T14:00') }]);
  });

  it('moving between two pause statuses keeps the one open pause', () => {
    const pending = change(fresh(), 'open', 'pending', '2026-06-10T11:00');
    expect(change(pending, 'pending', 'on_hold', '2026-06-10T12:00').pauses).toEqual(pending.pauses);
  });

  it('a status the policy does not pause for changes nothing', () => {
    const sla = applyStatusChange(fresh(), 'new', 'pending', iso('2026-06-10T11:00'), { pauseStatuses: [] });
    expect(sla.pauses).toEqual([]);
  });

  it('resolving pauses the clocks and closing keeps them paused; reopening resumes', () => {
    const resolved = change(fresh(), 'open', 'resolved', '2026-06-10T12:00');
    const closed = change(resolved, 'resolved', 'closed', '2026-06-11T09:00');
    expect(closed.pauses).toEqual([{ from: iso('2026-06-10T12:00'), to: null }]);
    const reopened = change(closed, 'closed', 'open', '2026-06-11T12:00');
    expect(reopened.pauses).toEqual([{ from: iso('2026-06-10T12:00'), to: iso('2026-06-11T12:00') }]);
  });

  it('after a reopen, the resolution clock resumes where it stopped instead of counting the resolved time', () => {
    const created = at('2026-06-10T10:00', BERLIN);
    const resolved = change(fresh(), 'open', 'resolved', '2026-06-10T12:00');
    const reopened = change(resolved, 'resolved', 'open', '2026-06-11T12:00');
    const ticket = { ...slaTicket(created, { firstResponseAt: created }), status: 'open' as const, sla: reopened };
    const sla = evaluateSla({
      ticket,
      policy: POLICY,
      calendar: calendar(BERLIN, [['09:00', '17:00']]),
      now: at('2026-06-11T13:00', BERLIN),
    });
    expect(sla.resolution).toMatchObject({ state: 'ok', elapsedMs: 3 * HOUR, remainingMs: 5 * HOUR });
  });

  it('applying the same change twice gives the same result, and the input is left untouched', () => {
    const start = fresh();
    const snapshot = structuredClone(start);
    const once = change(start, 'open', 'pending', '2026-06-10T11:00');
    expect(change(once, 'open', 'pending', '2026-06-10T11:05')).toEqual(once);
    const closed = change(once, 'pending', 'open', '2026-06-10T12:00');
    expect(change(closed, 'pending', 'open', '2026-06-10T12:05')).toEqual(closed);
    expect(start).toEqual(snapshot);
  });

  it('a pause never ends before it starts, even from a device whose clock ran behind', () => {
    const pending = change(fresh(), 'open', 'pending', '2026-06-10T11:00');
    const resumed = change(pending, 'pending', 'open', '2026-06-10T10:55');
    expect(resumed.pauses).toEqual([{ from: iso('2026-06-10T11:00'), to: iso('2026-06-10T11:00') }]);
  });

  it('over any sequence of status changes there is at most one open pause, open exactly while paused', () => {
    const pausing = new Set<Status>([...POLICY.pauseStatuses, 'resolved', 'closed']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUSES), { maxLength: 20 }), (statuses) => {
        let sla = fresh();
        let status: Status = 'new';
        statuses.forEach((next, i) => {
          sla = applyStatusChange(sla, status, next, new Date(Date.UTC(2026, 5, 10, 10, i)).toISOString(), POLICY);
          status = next;
        });
        const open = sla.pauses.filter((pause) => pause.to === null);
        expect(open.length).toBe(pausing.has(status) ? 1 : 0);
      }),
      { numRuns: 200 },
    );
  });
});
