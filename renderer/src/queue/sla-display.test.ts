import { describe, expect, it } from 'vitest';
import { NO_DUE } from '../../../shared/domain/ticket';
import { makeTicket } from '../../../shared/testing/fixtures';
import { formatDuration, rowSla } from './sla-display';

describe('SLA countdown text', () => {
  it('shows seconds under an hour, hours and minutes under two days, then days', () => {
    expect(formatDuration(5 * 60_000 + 7_000)).toBe('5m 07s');
    expect(formatDuration(3 * 3_600_000 + 4 * 60_000)).toBe('3h 04m');
    expect(formatDuration(-(50 * 3_600_000))).toBe('−2d 2h');
  });

  it('colours a row by how much of its time is left', () => {
    const created = Date.parse('2026-11-02T09:00:00.000Z');
    const ticket = makeTicket({ createdAt: new Date(created).toISOString(), slaDueAt: created + 4 * 3_600_000 });
    expect(rowSla(ticket, created + 3_600_000).state).toBe('ok');
    expect(rowSla(ticket, created + 3.5 * 3_600_000).state).toBe('warning');
    expect(rowSla(ticket, created + 5 * 3_600_000).state).toBe('breached');
  });

  it('says Paused for a waiting ticket without a running clock', () => {
    const ticket = makeTicket({ status: 'pending', slaDueAt: NO_DUE });
    const paused = { ...ticket, sla: { ...ticket.sla, pauses: [{ from: ticket.createdAt, to: null }] } };
    expect(rowSla(paused, Date.now()).text).toBe('Paused');
  });
});
