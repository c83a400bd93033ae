/**
 * SLA notification scheduler, one for both shells (Electron main and the browser build).
 *
 * Guarantees:
 * - Each `replan` replaces the whole schedule; one timer is armed, to the next instant (clamped to setTimeout's range).
 * - A ticket+clock+kind is notified at most once while it stays in that state, across re-plans and (through
 *   `notified`/`onNotifiedChange`) restarts. When a re-plan moves an instant back into the future, the ticket has left
 *   that state, so reaching it again notifies again.
 * - Instants that passed while nobody was watching fire once, at the next evaluation, if still relevant: a passed
 *   breach fires; a passed warning fires only while its breach (same ticket and clock) is still ahead.
 * - Alerts coming due within `stormWindowMs` of the first one are gathered; more than `stormThreshold` tickets give one
 *   summary instead. A lone alert is shown at its instant, a gathered one at most `stormWindowMs` late.
 * - Do-not-disturb and quiet hours hold notifications back (they count as notified, so they do not all pop up when
 *   the quiet ends); the attention count (tray, badge) is kept up to date regardless.
 */
import type { NotificationSettings, SlaSchedule } from '../ipc/contract';
import { MAX_SCHEDULED_ALERTS } from '../ipc/contract';
import { type Attention, alertKey, attentionAt, nextInstantAfter, type TimedAlert } from './attention';
import { isSilenced, localMinuteOfDay } from './quiet-hours';
import { alertNotification, type SlaNotification, summaryNotification } from './text';

/** setTimeout's largest delay; longer waits are re-armed when they end. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;
export const DEFAULT_STORM_WINDOW_MS = 2_000;
export const DEFAULT_STORM_THRESHOLD = 3;
const MAX_REMEMBERED = 2 * MAX_SCHEDULED_ALERTS;

export interface SchedulerClock {
  now(): number;
  /** Calls `fire` after `delayMs`; returns a function that cancels it. */
  setTimer(fire: () => void, delayMs: number): () => void;
}

export interface SchedulerOptions {
  clock: SchedulerClock;
  notify(notification: SlaNotification): void;
  /** Called with the first count and after every change. */
  onAttention(attention: Attention): void;
  settings(): NotificationSettings;
  /** Local minute of the day of an instant, for quiet hours (default: the machine's time zone). */
  minuteOfDay?(epochMs: number): number;
  /** Keys already notified in an earlier session. */
  notified?: Iterable<string>;
  /** Called with every key notified so far whenever that set changes, to persist it. */
  onNotifiedChange?(keys: readonly string[]): void;
  /** Called when notifications were held back by do-not-disturb or quiet hours (for the log). */
  onSilenced?(ticketCount: number): void;
  stormWindowMs?: number;
  stormThreshold?: number;
}

const clockKey = (alert: TimedAlert['alert']): string => `${alert.ticketId}|${alert.clock}`;

export class SlaScheduler {
  readonly #options: SchedulerOptions;
  #alerts: TimedAlert[] = [];
  readonly #notified: Set<string>;
  readonly #pending = new Map<string, TimedAlert>();
  #batchStartMs: number | null = null;
  #cancelTimer: (() => void) | null = null;
  #attention: Attention | null = null;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#notified = new Set(options.notified ?? []);
  }

  /** Replaces the schedule and re-evaluates now. */
  replan(schedule: SlaSchedule): void {
    const now = this.#options.clock.now();
    const byKey = new Map<string, TimedAlert>();
    for (const alert of schedule.alerts) {
      const key = alertKey(alert);
      byKey.set(key, { alert, atMs: Date.parse(alert.at), key });
    }
    this.#alerts = [...byKey.values()];

    let forgot = false;
    for (const timed of this.#alerts) {
      if (timed.atMs > now && this.#notified.delete(timed.key)) forgot = true;
    }
    for (const key of [...this.#pending.keys()]) {
      const timed = byKey.get(key);
      if (timed === undefined || timed.atMs > now) this.#pending.delete(key);
      else this.#pending.set(key, timed);
    }
    if (this.#pending.size === 0) this.#batchStartMs = null;
    if (forgot) this.#persist();
    this.#evaluate(now);
  }

  /** Re-evaluates now, e.g. after the machine wakes from sleep (timers do not run while it sleeps). */
  tick(): void {
    this.#evaluate(this.#options.clock.now());
  }

  attention(): Attention {
    return this.#attention ?? attentionAt(this.#alerts, this.#options.clock.now());
  }

  dispose(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  #evaluate(now: number): void {
    for (const timed of this.#alerts) {
      if (timed.atMs <= now && !this.#notified.has(timed.key) && !this.#pending.has(timed.key)) {
        this.#pending.set(timed.key, timed);
      }
    }
    if (this.#pending.size > 0) {
      this.#batchStartMs ??= now;
      const windowEnd = this.#batchStartMs + (this.#options.stormWindowMs ?? DEFAULT_STORM_WINDOW_MS);
      const moreSoon = this.#alerts.some((t) => t.atMs > now && t.atMs <= windowEnd && !this.#notified.has(t.key));
      if (!moreSoon) this.#flush(now);
    }
    this.#updateAttention(now);
    this.#arm(now);
  }

  #flush(now: number): void {
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    this.#batchStartMs = null;
    for (const timed of batch) this.#remember(timed.key);
    this.#persist();

    const breachAt = new Map<string, number>();
    for (const { alert, atMs } of this.#alerts) if (alert.kind === 'breach') breachAt.set(clockKey(alert), atMs);
    // A warning whose breach has passed too says nothing new: the breach is the news.
    const shown = batch.filter((t) => t.alert.kind === 'breach' || (breachAt.get(clockKey(t.alert)) ?? now + 1) > now);
    // One notification per ticket: its breach if any, else its earliest warning.
    shown.sort((a, b) => Number(b.alert.kind === 'breach') - Number(a.alert.kind === 'breach') || a.atMs - b.atMs);
    const perTicket = new Map<string, TimedAlert>();
    for (const timed of shown) if (!perTicket.has(timed.alert.ticketId)) perTicket.set(timed.alert.ticketId, timed);
    if (perTicket.size === 0) return;

    const minuteOfDay = (this.#options.minuteOfDay ?? localMinuteOfDay)(now);
    if (isSilenced(this.#options.settings(), minuteOfDay)) {
      this.#options.onSilenced?.(perTicket.size);
      return;
    }
    if (perTicket.size > (this.#options.stormThreshold ?? DEFAULT_STORM_THRESHOLD)) {
      this.#options.notify(summaryNotification(shown.map((t) => t.alert)));
      return;
    }
    const ordered = [...perTicket.values()].sort((a, b) => a.atMs - b.atMs);
    for (const { alert } of ordered) {
      this.#options.notify(alertNotification(alert, now, breachAt.get(clockKey(alert)) ?? null));
    }
  }

  #remember(key: string): void {
    this.#notified.add(key);
    if (this.#notified.size <= MAX_REMEMBERED) return;
    const oldest = this.#notified.values().next();
    if (!oldest.done) this.#notified.delete(oldest.value);
  }

  #persist(): void {
    this.#options.onNotifiedChange?.([...this.#notified]);
  }

  #updateAttention(now: number): void {
    const next = attentionAt(this.#alerts, now);
    const last = this.#attention;
    if (last !== null && last.breached === next.breached && last.warning === next.warning) return;
    this.#attention = next;
    this.#options.onAttention(next);
  }

  #arm(now: number): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    const next = nextInstantAfter(this.#alerts, now);
    if (next === null) return;
    this.#cancelTimer = this.#options.clock.setTimer(
      () => {
        this.#cancelTimer = null;
        this.#evaluate(this.#options.clock.now());
      },
      Math.min(next - now, MAX_TIMER_DELAY_MS),
    );
  }
}
