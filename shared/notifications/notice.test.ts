import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../ipc/contract';
import { showNotice } from './notice';
import type { SlaNotification } from './text';

const notice = { ticketId: 't-1', title: 'INC-1042 · priority raised to P2', body: 'Response target breached' };

describe('a notice about a ticket', () => {
  it('is shown at once, and a click opens its ticket', () => {
    const shown: SlaNotification[] = [];
    expect(showNotice(notice, (n) => shown.push(n), DEFAULT_NOTIFICATION_SETTINGS, 600)).toBe(true);
    expect(shown).toEqual([{ title: notice.title, body: notice.body, target: { ticketId: 't-1' } }]);
  });

  it('is held back by do-not-disturb and in quiet hours', () => {
    const shown: SlaNotification[] = [];
    const notify = (n: SlaNotification) => shown.push(n);
    expect(showNotice(notice, notify, { ...DEFAULT_NOTIFICATION_SETTINGS, doNotDisturb: true }, 600)).toBe(false);
    const quiet = { doNotDisturb: false, quietHours: { enabled: true, start: '20:00', end: '07:00' } };
    expect(showNotice(notice, notify, quiet, 22 * 60)).toBe(false);
    expect(showNotice(notice, notify, quiet, 12 * 60)).toBe(true);
    expect(shown).toHaveLength(1);
  });
});
