/**
 * SLA clocks of one ticket at one instant: a pure, deterministic function of the ticket, its policy, its calendar
 * and `now`, shared by the server (authoritative) and the renderer (offline).
 *
 * Guarantees, for each clock (response, resolution) separately:
 * - It starts at `createdAt` and counts only business time outside pauses; the target comes from the ticket's current
 *   priority, so a priority change re-targets from creation.
 * - It stops at `firstResponseAt` (response) or `resolvedAt` (resolution); pauses after the stop are ignored.
 * - `dueAt` / `warningAt` are the first instants at which the target / warning share is used up, assuming no further
 *   pauses. While paused, they are projected as if the clock resumed now.
 * - Running: `breached` from `dueAt` on, `warning` from `warningAt` on, else `ok`; stopped: `met` if it stopped before
 *   `dueAt`, else `breached`. `nextTransitionAt` is the next instant that state changes without a new event (null when
 *   paused, stopped or already breached). For running clocks `elapsedMs + remainingMs === targetMs`; `remainingMs` is
 *   0 at `dueAt` and turns negative as business time passes after it.
 * - `sortKey` / `warnKey` are the earliest `dueAt` / `warningAt` of the running clocks: fixed instants until the next
 *   pause or stop, so a ticket can store them and a replica can index them (see status.ts for what they mean).
 */

import type { SlaPolicy } from '../domain/sla-policy';
import type { Clock, Pause, Ticket } from '../domain/ticket';
import { NO_DUE } from '../domain/ticket';
import { addBusinessMs, businessMsBetween, type CalendarRules, type Interval } from './calendar-time';
import { MINUTE_MS } from './wall-time';

export type ClockState = 'ok' | 'warning' | 'breached' | 'met';

export type SlaTicket = Pick<Ticket, 'createdAt' | 'priority' | 'status' | 'firstResponseAt' | 'resolvedAt' | 'sla'>;
export type SlaPolicyRules = Pick<SlaPolicy, 'targets' | 'warnAtPercent'>;

export interface ClockEvaluation {
  readonly clock: Clock;
  /** Business ms allowed, from the policy's target for the ticket's priority. */
  readonly targetMs: number;
  /** When the target is used up (projected from now while paused). */
  readonly dueAt: number;
  /** When `warnAtPercent` of the target is used up (projected from now while paused). */
  readonly warningAt: number;
  readonly elapsedMs: number;
  readonly remainingMs: number;
  /** Business time spent in pauses since creation (up to the stop, for a stopped clock). */
  readonly pausedMs: number;
  readonly paused: boolean;
  /** When the clock stopped (first response / resolution), or null while it still counts. */
  readonly stoppedAt: number | null;
  readonly state: ClockState;
  readonly nextTransitionAt: number | null;
}

export interface SlaEvaluation {
  readonly evaluatedAt: number;
  readonly response: ClockEvaluation;
  readonly resolution: ClockEvaluation;
  /** The earliest `nextTransitionAt` of the two clocks, or null. */
  readonly nextTransitionAt: number | null;
  /** The earliest due time of a running (neither stopped nor paused) clock, or NO_DUE. */
  readonly sortKey: number;
  /** The earliest warning instant of a running clock, or NO_DUE (never after `sortKey`). */
  readonly warnKey: number;
}

export interface SlaInput {
  readonly ticket: SlaTicket;
  readonly policy: SlaPolicyRules;
  readonly calendar: CalendarRules;
  /** Epoch ms. */
  readonly now: number;
}

export function evaluateSla({ ticket, policy, calendar, now }: SlaInput): SlaEvaluation {
  const createdAt = instantOf('createdAt', ticket.createdAt);
  const target = policy.targets[ticket.priority];
  const clock = (name: Clock, minutes: number, stop: string | null) =>
    evaluateClock({
      clock: name,
      calendar,
      createdAt,
      targetMs: minutes * MINUTE_MS,
      warnAtPercent: policy.warnAtPercent,
      stoppedAt: stop === null ? null : instantOf(name, stop),
      pauses: ticket.sla.pauses,
      now,
    });
  const response = clock('response', target.responseMinutes, ticket.firstResponseAt);
  const resolution = clock('resolution', target.resolutionMinutes, ticket.resolvedAt);
  const transitions = [response.nextTransitionAt, resolution.nextTransitionAt].filter((at) => at !== null);
  const running = [response, resolution].filter(isRunning);
  return {
    evaluatedAt: now,
    response,
    resolution,
    nextTransitionAt: transitions.length > 0 ? Math.min(...transitions) : null,
    sortKey: Math.min(NO_DUE, ...running.map((c) => c.dueAt)),
    warnKey: Math.min(NO_DUE, ...running.map((c) => c.warningAt)),
  };
}

/** A clock that is neither stopped nor paused: its due time is live. */
export const isRunning = (clock: ClockEvaluation): boolean => clock.stoppedAt === null && !clock.paused;

interface ClockInput {
  readonly clock: Clock;
  readonly calendar: CalendarRules;
  readonly createdAt: number;
  readonly targetMs: number;
  readonly warnAtPercent: number;
  readonly stoppedAt: number | null;
  readonly pauses: readonly Pause[];
  readonly now: number;
}

function evaluateClock(input: ClockInput): ClockEvaluation {
  const { calendar, createdAt, targetMs, stoppedAt, now } = input;
  const endAt = stoppedAt ?? now;
  const paused = stoppedAt === null && input.pauses.some((pause) => isPausedAt(pause, now));
  const pauses = pauseWindows(input.pauses, createdAt, endAt);
  const pausedMs = pauses.reduce((sum, pause) => sum + businessMsBetween(calendar, pause.start, pause.end), 0);
  const elapsedMs = businessMsBetween(calendar, createdAt, endAt) - pausedMs;
  // Exact integers: targets are whole minutes, so target × percent / 100 is a whole number of ms.
  const warningAt = instantAtElapsed(calendar, createdAt, pauses, (targetMs * input.warnAtPercent) / 100);
  const dueAt = instantAtElapsed(calendar, createdAt, pauses, targetMs);
  const state = stateOf(stoppedAt, now, warningAt, dueAt);
  const counting = stoppedAt === null && !paused;
  const nextTransitionAt = !counting ? null : state === 'ok' ? warningAt : state === 'warning' ? dueAt : null;
  return {
    clock: input.clock,
    targetMs,
    dueAt,
    warningAt,
    elapsedMs,
    remainingMs: targetMs - elapsedMs,
    pausedMs,
    paused,
    stoppedAt,
    state,
    nextTransitionAt,
  };
}

function stateOf(stoppedAt: number | null, now: number, warningAt: number, dueAt: number): ClockState {
  if (stoppedAt !== null) return stoppedAt < dueAt ? 'met' : 'breached';
  if (now >= dueAt) return 'breached';
  return now >= warningAt ? 'warning' : 'ok';
}

/** An open pause means paused now (even if a skewed clock put its start ahead of `now`); a closed one covers [from, to). */
function isPausedAt(pause: Pause, now: number): boolean {
  return pause.to === null || (instantOf('pause.from', pause.from) <= now && now < instantOf('pause.to', pause.to));
}

/**
 * The pauses as sorted, merged, non-empty intervals clipped to [createdAt, endAt]; an open pause lasts until endAt
 * (now, or the stop). Merging makes overlapping records from offline edits count once.
 */
function pauseWindows(pauses: readonly Pause[], createdAt: number, endAt: number): Interval[] {
  const clipped = pauses
    .map((pause) => ({
      start: Math.max(instantOf('pause.from', pause.from), createdAt),
      end: Math.min(pause.to === null ? endAt : instantOf('pause.to', pause.to), endAt),
    }))
    .filter((pause) => pause.end > pause.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const pause of clipped) {
    const last = merged.at(-1);
    if (last && pause.start <= last.end) last.end = Math.max(last.end, pause.end);
    else merged.push({ ...pause });
  }
  return merged;
}

/** The first instant at which `budget` of unpaused business time has passed since creation; no pauses after the last. */
function instantAtElapsed(
  calendar: CalendarRules,
  createdAt: number,
  pauses: readonly Interval[],
  budget: number,
): number {
  let from = createdAt;
  let left = budget;
  for (const pause of pauses) {
    const reached = addBusinessMs(calendar, from, left);
    if (reached <= pause.start) return reached;
    left -= businessMsBetween(calendar, from, pause.start);
    from = pause.end;
  }
  return addBusinessMs(calendar, from, left);
}

function instantOf(field: string, iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${field} must be an ISO-8601 instant, got "${iso}"`);
  return ms;
}
