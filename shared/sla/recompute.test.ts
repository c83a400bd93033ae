import { describe, expect, it } from 'vitest';
import { emptySla, type Ticket } from '../domain/ticket';
import { makeCalendar, makePolicy, makeQueue, makeTicket } from '../testing/fixtures';
import { SlaConfigError } from './errors';
import { policyFor, recomputeSla, type SlaReference } from './recompute';

const CREATED = '2026-06-10T08:00:00.000Z'; // a Wednesday, 10:00 in Berlin: office hours
const LATER = new Date('2026-06-10T09:00:00.000Z');

const standard = makePolicy();
/** A policy added for the Service Desk after its tickets were raised: the smallest id, so choosePolicy picks it. */
const added = makePolicy({ id: 'sla-a-vip', name: 'VIP', queueIds: ['q-service-desk'] });
const network = makeQueue({ id: 'q-network', name: 'Network' });
const reference = (policies = [standard, added]): SlaReference => ({
  queues: new Map([makeQueue(), network].map((q) => [q.id, q])),
  policies,
  calendars: new Map([[makeCalendar().id, makeCalendar()]]),
});
const ticket = (patch: Partial<Ticket> = {}) => makeTicket({ createdAt: CREATED, updatedAt: CREATED, ...patch });

describe('policyFor: which policy a ticket is measured by', () => {
  it('keeps the ticket’s policy while it stays in its queue, even when another would be chosen today', () => {
    const before = ticket();
    expect(policyFor({ ...before, priority: 'P1' }, before, reference()).id).toBe('sla-standard');
  });

  it('chooses anew for a new ticket, a ticket moved to another queue, or one whose policy is gone', () => {
    const before = ticket();
    expect(policyFor(before, null, reference()).id).toBe('sla-a-vip');
    expect(policyFor({ ...before, queueId: 'q-network' }, before, reference()).id).toBe('sla-standard');
    const gone = ticket({ sla: emptySla('sla-retired') });
    expect(policyFor(gone, gone, reference()).id).toBe('sla-a-vip');
  });

  it('refuses a queue it does not know instead of guessing', () => {
    expect(() => policyFor(ticket({ queueId: 'q-gone' }), null, reference())).toThrow(SlaConfigError);
  });
});

describe('recomputeSla: the SLA fields after a write', () => {
  it('pauses a change into a waiting status at the write, under the kept policy', () => {
    const before = ticket({ status: 'open' });
    const after = recomputeSla({ ...before, status: 'pending' }, before, LATER, reference()).ticket;
    expect(after.sla.policyId).toBe('sla-standard');
    expect(after.sla.pauses).toEqual([{ from: LATER.toISOString(), to: null }]);
    expect(after.sla.responseDueAt).toBeNull(); // paused: no fixed due time
  });

  it('counts a new ticket’s status as a change from New at its creation time', () => {
    const created = recomputeSla(ticket({ status: 'pending', sla: emptySla('') }), null, LATER, reference()).ticket;
    expect(created.sla.policyId).toBe('sla-a-vip');
    expect(created.sla.pauses).toEqual([{ from: CREATED, to: null }]);
  });

  it('gives due times and sort keys from the engine for a running ticket', () => {
    const { ticket: after, evaluation } = recomputeSla(ticket({ status: 'open' }), null, LATER, reference());
    // P3 under Standard: 4 business hours to respond, from 10:00 Berlin time.
    expect(after.sla.responseDueAt).toBe('2026-06-10T12:00:00.000Z');
    expect(after.slaDueAt).toBe(Date.parse('2026-06-10T12:00:00.000Z'));
    expect(after.slaWarnAt).toBe(evaluation.warnKey);
  });

  it('refuses a policy whose calendar does not exist', () => {
    const lost = makePolicy({ calendarId: 'cal-gone' });
    expect(() => recomputeSla(ticket(), null, LATER, reference([lost]))).toThrow(SlaConfigError);
  });
});
