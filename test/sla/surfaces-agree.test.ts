/**
 * Every surface that shows a ticket's SLA state agrees with every other, for random tickets, policies, calendars and
 * instants (issue 19, fault 5). Each surface is read through the function the workstation itself calls:
 * - the list row and the detail pane: `ticketSlaView` (SlaCountdown shows its headline, the pane both clocks);
 * - the views "Breached" and "Breaching soon" and the sidebar's counts: `viewQuery` / `countSelectors`, answered by
 *   RxDB on a real replica (Dexie on fake IndexedDB) holding the tickets with their local keys;
 * - the workload screen: `loadQueries` (breached per agent) and `warningQuery` (breaching soon, grouped per agent);
 * - the notification schedule and the tray: `buildSchedule` (built at the tickets' last change, as the renderer sends
 *   it) handed to the shared `SlaScheduler`, whose attention count is what the tray and the badge show.
 * The tickets' stored SLA fields come from `computeTicketSla` at their last change, as the server writes them.
 */

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchedule } from '../../renderer/src/notifications/schedule';
import { ticketSlaView } from '../../renderer/src/queue/sla-display';
import { countSelectors, loadQueries, viewQuery, warningQuery } from '../../renderer/src/queue/view-query';
import { openDatabase, type StoreDatabase } from '../../renderer/src/store/database';
import { DEFAULT_FILTERS } from '../../renderer/src/ui-state';
import type { BusinessCalendar } from '../../shared/domain/calendar';
import { isActiveStatus, STATUSES } from '../../shared/domain/lifecycle';
import { PRIORITIES } from '../../shared/domain/priority';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import { NO_DUE, type Pause, type Ticket } from '../../shared/domain/ticket';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/ipc/contract';
import { SlaScheduler } from '../../shared/notifications/scheduler';
import { toLocalTicket } from '../../shared/rxdb/schemas';
import { FROM, randomCalendar, TO } from '../../shared/sla/arbitraries';
import { isPausingStatus } from '../../shared/sla/pauses';
import { DAY } from '../../shared/sla/testing';
import { computeTicketSla } from '../../shared/sla/ticket-sla';
import { makeTicket } from '../../shared/testing/fixtures';

const AGENTS = ['u-a', 'u-b', ''];
const fraction = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
const minutes = (max: number) => fc.integer({ min: 1, max });

const randomPolicy = fc.record({
  targets: fc.record({
    P1: fc.record({ responseMinutes: minutes(240), resolutionMinutes: minutes(2400) }),
    P2: fc.record({ responseMinutes: minutes(480), resolutionMinutes: minutes(4800) }),
    P3: fc.record({ responseMinutes: minutes(960), resolutionMinutes: minutes(9600) }),
    P4: fc.record({ responseMinutes: minutes(1920), resolutionMinutes: minutes(19200) }),
  }),
  warnAtPercent: fc.integer({ min: 1, max: 99 }),
  pauseStatuses: fc.subarray(['new', 'open', 'pending', 'on_hold'] as const),
});

/** A ticket's history as shares of its age at its last change (`t0`). */
const randomTicket = fc.record({
  ageMs: fc.integer({ min: 0, max: 30 * DAY }),
  status: fc.constantFrom(...STATUSES),
  priority: fc.constantFrom(...PRIORITIES),
  assigneeId: fc.constantFrom(...AGENTS),
  closedPauses: fc.array(fc.tuple(fraction, fraction), { maxLength: 3 }),
  pausedSince: fraction,
  respondedAt: fc.option(fraction),
  resolvedAt: fraction,
});

const desk = fc.record({
  calendar: randomCalendar,
  policy: randomPolicy,
  lastChange: fc.integer({ min: FROM, max: TO - 40 * DAY }),
  tickets: fc.array(randomTicket, { minLength: 1, maxLength: 25 }),
  laterMs: fc.array(fc.integer({ min: 0, max: 10 * DAY }), { minLength: 1, maxLength: 4 }),
});

type Desk = typeof desk extends fc.Arbitrary<infer D> ? D : never;

let run = 0;

/** The tickets as the server stores them: SLA fields computed by the engine at their last change. */
function storedTickets(d: Desk, policy: SlaPolicy, calendar: BusinessCalendar): Ticket[] {
  run += 1;
  const t0 = d.lastChange;
  return d.tickets.map((spec, i) => {
    const created = t0 - spec.ageMs;
    const at = (share: number) => new Date(created + Math.round(share * spec.ageMs)).toISOString();
    const pauses: Pause[] = spec.closedPauses
      .map(([a, b]) => ({ from: at(Math.min(a, b)), to: at(Math.max(a, b)) }))
      .filter((p) => p.from < p.to);
    if (isPausingStatus(spec.status, policy)) pauses.push({ from: at(spec.pausedSince), to: null });
    const done = spec.status === 'resolved' || spec.status === 'closed';
    const ticket = makeTicket({
      id: `r${run}-t${i}`,
      number: run * 100 + i,
      status: spec.status,
      priority: spec.priority,
      assigneeId: spec.assigneeId,
      createdAt: at(0),
      updatedAt: new Date(t0).toISOString(),
      firstResponseAt: spec.respondedAt === null ? null : at(spec.respondedAt),
      resolvedAt: done ? at(spec.resolvedAt) : null,
      sla: { ...makeTicket().sla, policyId: policy.id, pauses },
    });
    try {
      const computed = computeTicketSla(ticket, policy, calendar, t0);
      return { ...ticket, sla: computed.sla, slaDueAt: computed.slaDueAt, slaWarnAt: computed.slaWarnAt };
    } catch {
      // A calendar the engine refuses (no working time): the server stores no deadline, as withSla does.
      return { ...ticket, slaDueAt: NO_DUE, slaWarnAt: NO_DUE };
    }
  });
}

const idsOf = (docs: readonly { id: string }[]) => docs.map((d) => d.id).sort();
const countOf = (list: readonly string[], id: string) => list.filter((x) => x === id).length;

describe('SLA state on every surface', () => {
  let db: StoreDatabase;
  beforeAll(async () => {
    db = await openDatabase({
      serverUrl: 'http://surfaces.test',
      userId: 'u-sup',
      deviceId: 'd',
      indexedDB: { indexedDB: new IDBFactory(), IDBKeyRange },
    });
  });
  afterAll(async () => {
    await db?.remove();
  });

  it('row, pane, views, sidebar counts, workload, notification schedule and tray agree', async () => {
    await fc.assert(
      fc.asyncProperty(desk, async (d) => {
        const calendar: BusinessCalendar = {
          ...d.calendar,
          hours: [...d.calendar.hours],
          holidays: [...d.calendar.holidays],
          id: 'cal',
          updatedAt: new Date(FROM).toISOString(),
        };
        const policy: SlaPolicy = {
          ...d.policy,
          pauseStatuses: [...d.policy.pauseStatuses],
          id: 'policy',
          name: 'Random',
          calendarId: calendar.id,
          escalateAtPercents: [],
          queueIds: [],
          updatedAt: calendar.updatedAt,
        };
        const rules = { policies: new Map([[policy.id, policy]]), calendars: new Map([[calendar.id, calendar]]) };
        const tickets = storedTickets(d, policy, calendar);
        await db.tickets.bulkInsert(tickets.map(toLocalTicket));
        const schedule = buildSchedule(tickets, rules, d.lastChange);
        try {
          for (const later of d.laterMs) {
            const now = d.lastChange + later;
            const ctx = { me: 'u-a', now, saved: [] };

            // The row and the pane.
            const shown = tickets.map((t) => ({ t, view: ticketSlaView(t, rules, now) }));
            for (const { view } of shown) {
              expect(view[view.headline.clock]).toEqual(view.headline);
            }
            const open = shown.filter(({ t }) => isActiveStatus(t.status));
            for (const { view } of shown.filter(({ t }) => !isActiveStatus(t.status))) {
              // Resolved or closed: its resolution clock stopped, in time or late; nothing runs.
              expect(['met', 'breached', 'none']).toContain(view.headline.state);
            }
            const breached = idsOf(open.filter(({ view }) => view.headline.state === 'breached').map(({ t }) => t));
            const warning = idsOf(open.filter(({ view }) => view.headline.state === 'warning').map(({ t }) => t));

            // The views and the sidebar's counts.
            const view = (kind: 'breached' | 'breaching') => viewQuery({ kind }, DEFAULT_FILTERS, 'sla', ctx);
            expect(idsOf(await db.tickets.find(view('breached').list).exec())).toEqual(breached);
            expect(idsOf(await db.tickets.find(view('breaching').list).exec())).toEqual(warning);
            const counted = async (kind: 'breached' | 'breaching') => {
              const { count, less } = countSelectors({ kind }, ctx);
              const all = await db.tickets.count({ selector: count }).exec();
              return all - (less ? await db.tickets.count({ selector: less }).exec() : 0);
            };
            expect(await counted('breached')).toBe(breached.length);
            expect(await counted('breaching')).toBe(warning.length);

            // The workload screen, per agent (and unassigned).
            const byId = new Map(tickets.map((t) => [t.id, t]));
            const assignees = (ids: string[]) => ids.map((id) => byId.get(id)?.assigneeId ?? '?');
            const warned = (await db.tickets.find(warningQuery(ctx)).exec()).map((doc) => doc.assigneeId);
            for (const agent of AGENTS) {
              const load = loadQueries({ assigneeId: agent }, ctx);
              expect(await db.tickets.count({ selector: load.breached }).exec()).toBe(
                countOf(assignees(breached), agent),
              );
              expect(countOf(warned, agent)).toBe(countOf(assignees(warning), agent));
            }

            // The notification schedule and the tray.
            const tray = new SlaScheduler({
              clock: { now: () => now, setTimer: () => () => {} },
              notify: () => {},
              onAttention: () => {},
              settings: () => DEFAULT_NOTIFICATION_SETTINGS,
            });
            tray.replan({ alerts: schedule });
            expect(tray.attention()).toEqual({ breached: breached.length, warning: warning.length });
            const alerted = (kind: 'breach' | 'warning') =>
              [...new Set(schedule.filter((a) => a.kind === kind && Date.parse(a.at) <= now).map((a) => a.ticketId))]
                .filter((id) => kind === 'breach' || !breached.includes(id))
                .sort();
            expect(alerted('breach')).toEqual(breached);
            expect(alerted('warning')).toEqual(warning);
            tray.dispose();
          }
        } finally {
          await db.tickets.bulkRemove(tickets.map((t) => t.id));
        }
      }),
      { numRuns: Number(process.env.SLA_SURFACE_RUNS ?? 40) },
    );
  });
});
