import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_DUE } from '../domain/ticket';
import { randomCalendar, randomInstant } from './arbitraries';
import { workingIntervals } from './calendar-time';
import { type ClockEvaluation, evaluateSla, type SlaEvaluation, type SlaTicket } from './engine';
import { SlaConfigError } from './errors';
import { allDay, at, calendar, DAY, HOUR, MINUTE, POLICY, slaTicket, wall } from './testing';

const BERLIN = 'Europe/Berlin';
const office = calendar(BERLIN, [['09:00', '17:00']]);
const t = (local: string) => at(local, BERLIN);
const local = (ms: number | null) => (ms === null ? null : wall(ms, BERLIN));
const evaluate = (ticket: SlaTicket, now: number, cal = office, policy = POLICY) =>
  evaluateSla({ ticket, policy, calendar: cal, now });

/** Wednesday 10 June 2026, 10:00 in Berlin: P2 targets are 1 h response and 8 h resolution, warning at 75 %. */
const CREATED = t('2026-06-10T10:00');

describe('a running ticket', () => {
  it('shows both clocks with due, warning and remaining business time', () => {
    const sla = evaluate(slaTicket(CREATED), t('2026-06-10T10:30'));
    expect(sla.response).toMatchObject({ state: 'ok', elapsedMs: 30 * MINUTE, remainingMs: 30 * MINUTE, pausedMs: 0 });
    expect(local(sla.response.dueAt)).toBe('2026-06-10T11:00:00+02:00');
    expect(local(sla.response.warningAt)).toBe('2026-06-10T10:45:00+02:00');
    expect(local(sla.resolution.dueAt)).toBe('2026-06-11T10:00:00+02:00');
    expect(local(sla.resolution.warningAt)).toBe('2026-06-10T16:00:00+02:00');
    expect(local(sla.nextTransitionAt)).toBe('2026-06-10T10:45:00+02:00');
    expect(local(sla.sortKey)).toBe('2026-06-10T11:00:00+02:00');
  });

  it('turns warning, then breached, and keeps counting past the due time', () => {
    const ticket = slaTicket(CREATED);
    expect(evaluate(ticket, t('2026-06-10T10:45')).response.state).toBe('warning');
    expect(local(evaluate(ticket, t('2026-06-10T10:45')).response.nextTransitionAt)).toBe('2026-06-10T11:00:00+02:00');
    const late = evaluate(ticket, t('2026-06-10T12:00'));
    expect(late.response).toMatchObject({ state: 'breached', remainingMs: -HOUR, nextTransitionAt: null });
    expect(local(late.nextTransitionAt)).toBe('2026-06-10T16:00:00+02:00');
    expect(evaluate(ticket, t('2026-06-10T11:00')).response).toMatchObject({ state: 'breached', remainingMs: 0 });
  });

  it('a ticket raised on Saturday starts counting on Monday morning', () => {
    const sla = evaluate(slaTicket(t('2026-06-13T10:00')), t('2026-06-14T20:00'));
    expect(sla.response).toMatchObject({ state: 'ok', elapsedMs: 0 });
    expect(local(sla.response.dueAt)).toBe('2026-06-15T10:00:00+02:00');
  });
});

describe('stopped clocks', () => {
  it('a response before the due time is met and the resolution clock keeps running', () => {
    const sla = evaluate(slaTicket(CREATED, { firstResponseAt: t('2026-06-10T10:50') }), t('2026-06-10T15:00'));
    expect(sla.response).toMatchObject({ state: 'met', elapsedMs: 50 * MINUTE, nextTransitionAt: null });
    expect(local(sla.sortKey)).toBe('2026-06-11T10:00:00+02:00');
    expect(local(sla.nextTransitionAt)).toBe('2026-06-10T16:00:00+02:00');
  });

  it('a response after the due time stays breached', () => {
    const sla = evaluate(slaTicket(CREATED, { firstResponseAt: t('2026-06-10T11:10') }), t('2026-06-10T15:00'));
    expect(sla.response).toMatchObject({ state: 'breached', remainingMs: -10 * MINUTE, nextTransitionAt: null });
  });

  it('resolved before the due time is met; resolved after it is breached', () => {
    const responded = t('2026-06-10T10:30');
    const early = slaTicket(CREATED, { firstResponseAt: responded, resolvedAt: t('2026-06-11T09:30') });
    const late = slaTicket(CREATED, { firstResponseAt: responded, resolvedAt: t('2026-06-11T10:30') });
    const now = t('2026-06-12T12:00');
    expect(evaluate(early, now).resolution.state).toBe('met');
    expect(evaluate(late, now).resolution.state).toBe('breached');
    expect(evaluate(early, now)).toMatchObject({ sortKey: NO_DUE, nextTransitionAt: null });
  });

  it('an answer after the due time in the evening is breached even though no business time passed', () => {
    const sla = evaluate(
      slaTicket(t('2026-06-10T16:00'), { firstResponseAt: t('2026-06-10T19:00') }),
      t('2026-06-11T08:00'),
    );
    expect(sla.response).toMatchObject({ state: 'breached', remainingMs: 0 });
  });
});

describe('priority changes re-target from creation', () => {
  const now = t('2026-06-10T10:40');
  it.each([
    ['P1', 'breached', '2026-06-10T10:30:00+02:00'],
    ['P2', 'ok', '2026-06-10T11:00:00+02:00'],
    ['P3', 'ok', '2026-06-10T14:00:00+02:00'],
  ] as const)('as %s the response is %s, due %s', (priority, state, due) => {
    const response = evaluate(slaTicket(CREATED, { priority }), now).response;
    expect(response.state).toBe(state);
    expect(local(response.dueAt)).toBe(due);
  });
});

describe('pauses (pending on the requester)', () => {
  const pendingAt = t('2026-06-10T10:20');

  it('while paused, the clocks freeze and the due time is projected as if work resumed now', () => {
    const sla = evaluate(slaTicket(CREATED, { pauses: [[pendingAt, null]] }), t('2026-06-10T14:00'));
    expect(sla.response).toMatchObject({
      paused: true,
      state: 'ok',
      elapsedMs: 20 * MINUTE,
      remainingMs: 40 * MINUTE,
      pausedMs: 3 * HOUR + 40 * MINUTE,
      nextTransitionAt: null,
    });
    expect(local(sla.response.dueAt)).toBe('2026-06-10T14:40:00+02:00');
    expect(sla).toMatchObject({ sortKey: NO_DUE, nextTransitionAt: null });
  });

  it('after resuming, the due time is later by the business time spent waiting', () => {
    const resumed = t('2026-06-11T09:30');
    const sla = evaluate(slaTicket(CREATED, { pauses: [[pendingAt, resumed]] }), t('2026-06-11T09:40'));
    expect(sla.response).toMatchObject({ paused: false, state: 'ok', elapsedMs: 30 * MINUTE });
    expect(sla.response.pausedMs).toBe(7 * HOUR + 10 * MINUTE);
    expect(local(sla.response.dueAt)).toBe('2026-06-11T10:10:00+02:00');
    expect(local(sla.response.nextTransitionAt)).toBe('2026-06-11T09:55:00+02:00');
  });

  it('pausing a breached clock keeps it breached with its real due time', () => {
    const sla = evaluate(slaTicket(CREATED, { pauses: [[t('2026-06-10T11:30'), null]] }), t('2026-06-10T15:00'));
    expect(sla.response).toMatchObject({ paused: true, state: 'breached', remainingMs: -30 * MINUTE });
    expect(local(sla.response.dueAt)).toBe('2026-06-10T11:00:00+02:00');
  });

  it('overlapping pause records (from two offline devices) count once', () => {
    const pauses = [
      [t('2026-06-10T10:20'), t('2026-06-10T11:00')],
      [t('2026-06-10T10:40'), t('2026-06-10T11:20')],
    ] as const;
    const sla = evaluate(slaTicket(CREATED, { pauses }), t('2026-06-10T12:00'));
    expect(sla.response.pausedMs).toBe(HOUR);
  });
});

describe('DST', () => {
  it('a 24×7 resolution target spanning spring-forward is due an hour later on the wall clock', () => {
    const sla = evaluate(slaTicket(t('2026-03-28T12:00'), { priority: 'P3' }), t('2026-03-28T13:00'), allDay(BERLIN));
    expect(local(sla.resolution.dueAt)).toBe('2026-03-29T13:00:00+02:00');
  });

  it('a business-hours resolution target spanning fall-back keeps office hours', () => {
    const sla = evaluate(slaTicket(t('2026-10-23T13:00')), t('2026-10-23T14:00'));
    expect(local(sla.resolution.dueAt)).toBe('2026-10-26T13:00:00+01:00');
  });
});

describe('calendars the engine cannot compute with', () => {
  it('an unknown time zone or a calendar without hours is reported, not looped over', () => {
    const ticket = slaTicket(CREATED);
    expect(() => evaluate(ticket, CREATED, calendar('Europe/Berlln', [['09:00', '17:00']]))).toThrow(
      /unknown time zone "Europe\/Berlln"/,
    );
    expect(() => evaluate(ticket, CREATED, calendar(BERLIN, [], []))).toThrow(SlaConfigError);
  });
});

// Random tickets: a calendar, a policy, a creation instant, a time since, pauses and stops within it.
const minutes = (max: number) => fc.integer({ min: 1, max });
const randomPolicy = fc.record({
  targets: fc.record({
    P1: fc.record({ responseMinutes: minutes(600), resolutionMinutes: minutes(6000) }),
    P2: fc.record({ responseMinutes: minutes(600), resolutionMinutes: minutes(6000) }),
    P3: fc.record({ responseMinutes: minutes(600), resolutionMinutes: minutes(6000) }),
    P4: fc.record({ responseMinutes: minutes(600), resolutionMinutes: minutes(6000) }),
  }),
  warnAtPercent: fc.integer({ min: 1, max: 99 }),
});
const share = fc.double({ min: 0, max: 1, noNaN: true });
const randomCase = fc
  .record({
    calendar: randomCalendar,
    policy: randomPolicy,
    createdAt: randomInstant,
    age: fc.oneof(fc.integer({ min: 0, max: 2 * DAY }), fc.integer({ min: 0, max: 40 * DAY })),
    priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
    pauses: fc.array(fc.tuple(share, share), { maxLength: 3 }),
    openPause: fc.option(share),
    responded: fc.option(share),
    resolved: fc.option(share),
  })
  .map(({ createdAt, age, pauses, openPause, responded, resolved, priority, ...rest }) => {
    const now = createdAt + age;
    const within = (s: number) => createdAt + Math.floor(s * age);
    const closed = pauses.map(([a, b]) => [within(Math.min(a, b)), within(Math.max(a, b))] as const);
    const open = openPause === null ? [] : [[within(openPause), null] as const];
    const ticket = slaTicket(createdAt, {
      priority,
      pauses: [...closed, ...open],
      firstResponseAt: responded === null ? null : within(responded),
      resolvedAt: resolved === null ? null : within(resolved),
    });
    return { ...rest, ticket, now };
  });

const clocksOf = (sla: SlaEvaluation): ClockEvaluation[] => [sla.response, sla.resolution];
const running = (clock: ClockEvaluation) => clock.stoppedAt === null && !clock.paused;
const RANK = { ok: 0, warning: 1, breached: 2, met: -1 } as const;

describe('properties', () => {
  it('for a running clock, elapsed + remaining = target, and before the due time remaining is the business time left', () => {
    fc.assert(
      fc.property(randomCase, ({ calendar: cal, policy, ticket, now }) => {
        for (const clock of clocksOf(evaluateSla({ ticket, policy, calendar: cal, now })).filter(running)) {
          expect(clock.elapsedMs + clock.remainingMs).toBe(clock.targetMs);
          if (now < clock.dueAt) {
            const left = workingIntervals(cal, now, clock.dueAt).reduce((sum, i) => sum + i.end - i.start, 0);
            expect(left).toBe(clock.remainingMs);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a due time is never inside non-working time', () => {
    fc.assert(
      fc.property(randomCase, ({ calendar: cal, policy, ticket, now }) => {
        for (const clock of clocksOf(evaluateSla({ ticket, policy, calendar: cal, now }))) {
          const around = workingIntervals(cal, clock.dueAt - DAY, clock.dueAt + DAY);
          expect(around.some((i) => i.start < clock.dueAt && clock.dueAt <= i.end)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('pausing never makes a ticket breach earlier', () => {
    fc.assert(
      fc.property(randomCase, share, share, ({ calendar: cal, policy, ticket, now }, a, b) => {
        const created = Date.parse(ticket.createdAt);
        const pause = {
          from: new Date(created + Math.floor(Math.min(a, b) * (now - created))).toISOString(),
          to: new Date(created + Math.floor(Math.max(a, b) * (now - created))).toISOString(),
        };
        const paused = { ...ticket, sla: { ...ticket.sla, pauses: [...ticket.sla.pauses, pause] } };
        const before = evaluateSla({ ticket, policy, calendar: cal, now });
        const after = evaluateSla({ ticket: paused, policy, calendar: cal, now });
        for (const clock of ['response', 'resolution'] as const) {
          expect(after[clock].dueAt).toBeGreaterThanOrEqual(before[clock].dueAt);
          expect(RANK[after[clock].state]).toBeLessThanOrEqual(RANK[before[clock].state]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the state holds until nextTransitionAt and changes exactly then (ok → warning → breached)', () => {
    fc.assert(
      fc.property(randomCase, ({ calendar: cal, policy, ticket, now }) => {
        const evaluateAt = (instant: number) => evaluateSla({ ticket, policy, calendar: cal, now: instant });
        for (const clock of ['response', 'resolution'] as const) {
          let current = evaluateAt(now)[clock];
          for (let next = current.nextTransitionAt; next !== null; next = current.nextTransitionAt) {
            expect(evaluateAt(next - 1)[clock].state).toBe(current.state);
            const after = evaluateAt(next)[clock];
            expect(after.state).not.toBe(current.state);
            current = after;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
