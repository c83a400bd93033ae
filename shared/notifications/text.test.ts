import { describe, expect, it } from 'vitest';
import type { SlaAlert } from '../ipc/contract';
import { alertNotification, formatLead, summaryNotification } from './text';

const alert = (over: Partial<SlaAlert> = {}): SlaAlert => ({
  ticketId: 't-1',
  label: 'INC-1042',
  title: 'Mail server down',
  priority: 'P1',
  clock: 'resolution',
  kind: 'breach',
  at: '2026-11-25T10:00:00.000Z',
  ...over,
});

describe('notification text', () => {
  const now = Date.parse('2026-11-25T10:00:00.000Z');

  it('says a ticket breached, with its title and clock', () => {
    expect(alertNotification(alert(), now, now)).toEqual({
      title: 'INC-1042 · P1 breached',
      body: 'Mail server down (resolution)',
      target: { ticketId: 't-1' },
    });
  });

  it('says how long until the breach when the schedule has it', () => {
    const warning = alert({ kind: 'warning', clock: 'response' });
    expect(alertNotification(warning, now, now + 15 * 60_000).title).toBe('INC-1042 · P1 breaches in 15 min');
    expect(alertNotification(warning, now, now + 15 * 60_000).body).toBe('Mail server down (first response)');
    expect(alertNotification(warning, now, null).title).toBe('INC-1042 · P1 nears its SLA target');
  });

  it('formats lead times in minutes and hours', () => {
    expect(formatLead(20_000)).toBe('1 min');
    expect(formatLead(59 * 60_000)).toBe('59 min');
    expect(formatLead(120 * 60_000)).toBe('2 h');
    expect(formatLead(90 * 60_000)).toBe('1 h 30 min');
  });

  it('summarises a storm by ticket, naming the first three', () => {
    const alerts = [
      ...['1', '2', '3', '4', '5'].map((n) => alert({ ticketId: `b${n}`, label: `INC-${n}` })),
      ...['6', '7'].map((n) => alert({ ticketId: `w${n}`, label: `INC-${n}`, kind: 'warning' })),
    ];
    expect(summaryNotification(alerts)).toEqual({
      title: '5 tickets breached, 2 warnings',
      body: 'INC-1, INC-2, INC-3 and 4 more',
      target: null,
    });
    expect(summaryNotification([alert()]).title).toBe('1 ticket breached');
    expect(summaryNotification([alert({ kind: 'warning' })]).title).toBe('1 warning');
  });
});
