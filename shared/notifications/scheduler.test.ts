import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings, type SlaAlert } from '../ipc/contract';
import type { Attention } from './attention';
import { type SchedulerOptions, SlaScheduler } from './scheduler';
import type { SlaNotification } from './text';

const MIN = 60_000;
const START = new Date('2026-11-25T09:00:00.000Z').getTime();
const iso = (ms: number): string => new Date(ms).toISOString();

function alert(ticket: string, kind: SlaAlert['kind'], atMs: number, over: Partial<SlaAlert> = {}): SlaAlert {
  return {
    ticketId: ticket,
    label: `INC-${ticket}`,
    title: `Ticket ${ticket}`,
    priority: 'P1',
    clock: 'resolution',
    kind,
    at: iso(atMs),
    ...over,
  };
}

function setup(over: Partial<SchedulerOptions> = {}) {
  const shown: { at: number; notification: SlaNotification }[] = [];
  const counts: Attention[] = [];
  let settings: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS;
  const scheduler = new SlaScheduler({
    clock: {
      now: () => Date.now(),
      setTimer: (fire, delay) => {
        const timer = setTimeout(fire, delay);
        return () => clearTimeout(timer);
      },
    },
    notify: (notification) => shown.push({ at: Date.now(), notification }),
    onAttention: (attention) => counts.push(attention),
    settings: () => settings,
    ...over,
  });
  const titles = () => shown.map((s) => s.notification.title);
  const setSettings = (next: NotificationSettings) => {
    settings = next;
  };
  return { scheduler, shown, counts, titles, setSettings };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SlaScheduler', () => {
  it('fires a warning at its instant, saying how long until the breach', () => {
    const { scheduler, shown } = setup();
    scheduler.replan({
      alerts: [alert('1042', 'warning', START + 10 * MIN), alert('1042', 'breach', START + 25 * MIN)],
    });

    vi.advanceTimersByTime(10 * MIN - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([
      {
        at: START + 10 * MIN,
        notification: {
          title: 'INC-1042 · P1 breaches in 15 min',
          body: 'Ticket 1042 (resolution)',
          target: { ticketId: '1042' },
        },
      },
    ]);

    vi.advanceTimersByTime(15 * MIN);
    expect(shown.at(-1)).toEqual({
      at: START + 25 * MIN,
      notification: { title: 'INC-1042 · P1 breached', body: 'Ticket 1042 (resolution)', target: { ticketId: '1042' } },
    });
  });

  it('keeps one timer however many alerts are planned', () => {
    const { scheduler } = setup();
    scheduler.replan({ alerts: Array.from({ length: 500 }, (_, i) => alert(`${i}`, 'breach', START + (i + 1) * MIN)) });
    expect(vi.getTimerCount()).toBe(1);
  });

  it('never notifies twice for the same ticket and state, across re-plans', () => {
    const { scheduler, titles } = setup();
    const schedule = { alerts: [alert('7', 'breach', START + MIN)] };
    scheduler.replan(schedule);
    vi.advanceTimersByTime(MIN);
    scheduler.replan(schedule);
    scheduler.replan({ alerts: [alert('7', 'breach', START + MIN, { title: 'Renamed' })] });
    vi.advanceTimersByTime(60 * MIN);
    scheduler.tick();
    expect(titles()).toEqual(['INC-7 · P1 breached']);
  });

  it('re-plans when a ticket changes: the old instant stays silent, the new one fires', () => {
    const { scheduler, shown } = setup();
    scheduler.replan({ alerts: [alert('8', 'breach', START + 10 * MIN)] });
    vi.advanceTimersByTime(5 * MIN);
    scheduler.replan({ alerts: [alert('8', 'breach', START + 30 * MIN)] }); // paused, or re-prioritised
    vi.advanceTimersByTime(10 * MIN);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(15 * MIN);
    expect(shown.map((s) => s.at)).toEqual([START + 30 * MIN]);
  });

  it('stops planning a ticket that left the schedule (resolved)', () => {
    const { scheduler, shown } = setup();
    scheduler.replan({ alerts: [alert('9', 'breach', START + MIN)] });
    scheduler.replan({ alerts: [] });
    vi.advanceTimersByTime(10 * MIN);
    expect(shown).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('notifies again when a ticket leaves a state and reaches it again', () => {
    const { scheduler, titles } = setup();
    scheduler.replan({ alerts: [alert('3', 'breach', START + MIN)] });
    vi.advanceTimersByTime(MIN);
    // Reopened with a new clock: the breach lies ahead again.
    scheduler.replan({ alerts: [alert('3', 'breach', START + 20 * MIN)] });
    vi.advanceTimersByTime(19 * MIN);
    expect(titles()).toEqual(['INC-3 · P1 breached', 'INC-3 · P1 breached']);
  });

  it('batches a storm into one summary', () => {
    const { scheduler, shown } = setup();
    const at = START + 5 * MIN;
    scheduler.replan({
      alerts: [
        ...['1', '2', '3', '4', '5'].map((t, i) => alert(t, 'breach', at + i * 300)),
        alert('6', 'warning', at + 1_000),
        alert('6', 'breach', at + 60 * MIN),
        alert('7', 'warning', at + 1_500),
      ],
    });
    vi.advanceTimersByTime(5 * MIN + 2_000);
    expect(shown).toEqual([
      {
        at: at + 1_500,
        notification: { title: '5 tickets breached, 2 warnings', body: 'INC-1, INC-2, INC-3 and 4 more', target: null },
      },
    ]);
  });

  it('shows up to three tickets coming due together one by one', () => {
    const { scheduler, titles } = setup();
    const at = START + MIN;
    scheduler.replan({ alerts: ['1', '2', '3'].map((t) => alert(t, 'breach', at)) });
    vi.advanceTimersByTime(MIN);
    expect(titles()).toEqual(['INC-1 · P1 breached', 'INC-2 · P1 breached', 'INC-3 · P1 breached']);
  });

  it('shows alerts further apart than the storm window separately, each on time', () => {
    const { scheduler, shown } = setup();
    scheduler.replan({ alerts: [alert('1', 'breach', START + MIN), alert('2', 'breach', START + MIN + 5_000)] });
    vi.advanceTimersByTime(MIN + 5_000);
    expect(shown.map((s) => [s.at, s.notification.title])).toEqual([
      [START + MIN, 'INC-1 · P1 breached'],
      [START + MIN + 5_000, 'INC-2 · P1 breached'],
    ]);
  });

  it('respects do-not-disturb but still counts, and does not replay when it ends', () => {
    const onSilenced = vi.fn();
    const { scheduler, shown, counts, setSettings } = setup({ onSilenced });
    setSettings({ ...DEFAULT_NOTIFICATION_SETTINGS, doNotDisturb: true });
    scheduler.replan({ alerts: [alert('1', 'breach', START + MIN), alert('2', 'breach', START + 10 * MIN)] });
    vi.advanceTimersByTime(MIN);
    expect(shown).toEqual([]);
    expect(onSilenced).toHaveBeenCalledWith(1);
    expect(counts.at(-1)).toEqual({ breached: 1, warning: 0 });

    setSettings(DEFAULT_NOTIFICATION_SETTINGS);
    vi.advanceTimersByTime(9 * MIN);
    expect(shown.map((s) => s.notification.title)).toEqual(['INC-2 · P1 breached']);
  });

  it('stays silent during quiet hours in local time, even across midnight', () => {
    vi.setSystemTime(new Date(2026, 10, 25, 23, 50)); // local wall time
    const { scheduler, titles, setSettings } = setup();
    setSettings({ doNotDisturb: false, quietHours: { enabled: true, start: '22:00', end: '06:30' } });
    const now = Date.now();
    scheduler.replan({
      alerts: [alert('1', 'breach', now + 20 * MIN), alert('2', 'breach', new Date(2026, 10, 26, 6, 30).getTime())],
    });
    vi.advanceTimersByTime(20 * MIN); // 00:10, quiet
    expect(titles()).toEqual([]);
    vi.advanceTimersByTime(new Date(2026, 10, 26, 6, 30).getTime() - Date.now()); // 06:30, quiet hours over
    expect(titles()).toEqual(['INC-2 · P1 breached']);
  });

  it('on load, fires passed breaches once and passed warnings only while the breach is ahead', () => {
    const { scheduler, titles } = setup();
    scheduler.replan({
      alerts: [
        alert('1', 'warning', START - 60 * MIN),
        alert('1', 'breach', START - 30 * MIN), // breached while the app was closed
        alert('2', 'warning', START - 5 * MIN),
        alert('2', 'breach', START + 10 * MIN), // in warning now
      ],
    });
    expect(titles()).toEqual(['INC-1 · P1 breached', 'INC-2 · P1 breaches in 10 min']);
  });

  it('remembers what it notified in an earlier session', () => {
    const persisted: string[][] = [];
    const first = setup({ onNotifiedChange: (keys) => persisted.push([...keys]) });
    first.scheduler.replan({ alerts: [alert('1', 'breach', START + MIN)] });
    vi.advanceTimersByTime(MIN);
    first.scheduler.dispose();

    const second = setup({ notified: persisted.at(-1) });
    second.scheduler.replan({ alerts: [alert('1', 'breach', START + MIN)] });
    expect(second.titles()).toEqual([]);
  });

  it('counts tickets in breach and in warning, recomputed at each instant', () => {
    const { scheduler, counts } = setup();
    scheduler.replan({
      alerts: [
        alert('1', 'warning', START + MIN),
        alert('1', 'breach', START + 2 * MIN),
        alert('2', 'breach', START + 3 * MIN, { clock: 'response' }),
        alert('2', 'warning', START + MIN, { clock: 'resolution' }),
      ],
    });
    expect(counts).toEqual([{ breached: 0, warning: 0 }]);
    vi.advanceTimersByTime(MIN);
    expect(counts.at(-1)).toEqual({ breached: 0, warning: 2 });
    vi.advanceTimersByTime(MIN);
    expect(counts.at(-1)).toEqual({ breached: 1, warning: 1 });
    vi.advanceTimersByTime(MIN);
    expect(counts.at(-1)).toEqual({ breached: 2, warning: 0 });
    expect(scheduler.attention()).toEqual({ breached: 2, warning: 0 });
  });

  it('waits beyond setTimeout range by re-arming', () => {
    const { scheduler, shown } = setup();
    const far = START + 40 * 24 * 60 * MIN;
    scheduler.replan({ alerts: [alert('1', 'breach', far)] });
    vi.advanceTimersByTime(far - START - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown.map((s) => s.at)).toEqual([far]);
  });
});
