import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Escalation } from '../domain/ticket';
import { NO_DUE } from '../domain/ticket';
import { evaluateSla } from './engine';
import { SlaConfigError } from './errors';
import { at, HOUR, MINUTE, OFFICE, POLICY, slaTicket } from './testing';
import { choosePolicy, computeTicketSla, crossedEscalations } from './ticket-sla';

const BERLIN = 'Europe/Berlin';
const t = (local: string) => at(local, BERLIN);
const CREATED = t('2026-06-10T10:00');

describe('computeTicketSla', () => {
  it('fills due times, breach flags and the sort key, and keeps the recorded fields', () => {
    const escalations: Escalation[] = [{ clock: 'response', percent: 50, at: '2026-06-10T08:30:00.000Z' }];
    const base = slaTicket(CREATED, { pauses: [[t('2026-06-10T10:10'), t('2026-06-10T10:20')]] });
    const ticket = { ...base, sla: { ...base.sla, escalations } };
    const { sla, slaDueAt } = computeTicketSla(ticket, POLICY, OFFICE, t('2026-06-10T11:30'));
    expect(sla).toEqual({
      policyId: POLICY.id,
      pauses: ticket.sla.pauses,
      escalations,
      responseDueAt: new Date(t('2026-06-10T11:10')).toISOString(),
      resolutionDueAt: new Date(t('2026-06-11T10:10')).toISOString(),
      responseBreached: true,
      resolutionBreached: false,
    });
    expect(slaDueAt).toBe(t('2026-06-10T11:10'));
  });

  it('a paused ticket has no fixed due times and sorts after every running one', () => {
    const ticket = slaTicket(CREATED, { status: 'pending', pauses: [[t('2026-06-10T10:30'), null]] });
    const { sla, slaDueAt } = computeTicketSla(ticket, POLICY, OFFICE, t('2026-06-10T15:00'));
    expect(sla).toMatchObject({ responseDueAt: null, resolutionDueAt: null, responseBreached: false });
    expect(slaDueAt).toBe(NO_DUE);
  });

  it('refuses a calendar other than the policy’s', () => {
    expect(() => computeTicketSla(slaTicket(CREATED), POLICY, { ...OFFICE, id: 'other' }, CREATED)).toThrow(
      /uses calendar calendar-berlin/,
    );
  });
});

describe('choosePolicy', () => {
  const queue = { id: 'q-network', name: 'Network', defaultSlaPolicyId: 'standard' };
  const standard = { id: 'standard', queueIds: [] };
  const network = { id: 'network-24x7', queueIds: ['q-network'] };

  it('prefers a policy that names the queue', () => {
    expect(choosePolicy([standard, network], queue, 'P2')).toBe(network);
  });

  it('falls back to the queue’s default policy', () => {
    expect(choosePolicy([standard, network], { ...queue, id: 'q-desk' }, 'P2')).toBe(standard);
  });

  it('picks the same policy whatever the order when several name the queue', () => {
    const other = { id: 'a-first', queueIds: ['q-network'] };
    expect(choosePolicy([network, other], queue)).toBe(other);
    expect(choosePolicy([other, network], queue)).toBe(other);
  });

  it('says which queue has no policy', () => {
    expect(() => choosePolicy([network], { ...queue, id: 'q-desk', name: 'Desk' })).toThrow(SlaConfigError);
    expect(() => choosePolicy([], queue)).toThrow(/Queue "Network" has no SLA policy/);
  });
});

describe('crossedEscalations', () => {
  const evaluationAt = (local: string, ticket = slaTicket(CREATED)) =>
    evaluateSla({ ticket, policy: POLICY, calendar: OFFICE, now: t(local) });

  it('reports thresholds crossed by now that are not yet recorded', () => {
    expect(crossedEscalations(evaluationAt('2026-06-10T10:29'), POLICY, [])).toEqual([]);
    const half = crossedEscalations(evaluationAt('2026-06-10T10:30'), POLICY, []);
    expect(half).toEqual([{ clock: 'response', percent: 50, at: new Date(t('2026-06-10T10:30')).toISOString() }]);
    const breach = crossedEscalations(evaluationAt('2026-06-10T11:00'), POLICY, half);
    expect(breach.map(({ clock, percent }) => [clock, percent])).toEqual([['response', 100]]);
  });

  it('a clock that has stopped escalates nothing more', () => {
    const answered = slaTicket(CREATED, { firstResponseAt: t('2026-06-10T10:20') });
    expect(crossedEscalations(evaluationAt('2026-06-10T12:00', answered), POLICY, [])).toEqual([]);
  });

  it('a paused clock still reports a threshold crossed before the pause', () => {
    const paused = slaTicket(CREATED, { pauses: [[t('2026-06-10T10:40'), null]] });
    const crossed = crossedEscalations(evaluationAt('2026-06-10T16:00', paused), POLICY, []);
    expect(crossed.map(({ clock, percent }) => [clock, percent])).toEqual([['response', 50]]);
  });

  it('a server checking at arbitrary moments records every crossed threshold exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 16 * HOUR }), { maxLength: 12 }), (offsets) => {
        const recorded: Escalation[] = [];
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          const evaluation = evaluateSla({
            ticket: slaTicket(CREATED),
            policy: POLICY,
            calendar: OFFICE,
            now: CREATED + offset,
          });
          recorded.push(...crossedEscalations(evaluation, POLICY, recorded));
        }
        const keys = recorded.map((e) => `${e.clock}@${e.percent}`);
        expect(new Set(keys).size).toBe(keys.length);
        const last = Math.max(0, ...offsets);
        const expectedResponse = POLICY.escalateAtPercents.filter(
          (p) => offsets.length > 0 && last >= p * 0.6 * MINUTE,
        );
        expect(recorded.filter((e) => e.clock === 'response').map((e) => e.percent)).toEqual(expectedResponse);
      }),
      { numRuns: 200 },
    );
  });
});
