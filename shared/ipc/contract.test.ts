import { describe, expect, it } from 'vitest';
import { IPC_ARGS, IPC_CHANNELS, parseDeepLink } from './contract';

describe('deep links', () => {
  it('open a ticket by number', () => {
    expect(parseDeepLink('workstation://ticket/1042')).toEqual({ number: 1042 });
    expect(parseDeepLink('workstation://ticket/7/')).toEqual({ number: 7 });
  });

  it('refuse anything else', () => {
    for (const bad of [
      'workstation://ticket/',
      'workstation://ticket/0',
      'workstation://ticket/12abc',
      'workstation://ticket/1/extra',
      'workstation://settings/1',
      'http://ticket/1',
      'workstation://ticket/99999999999999999999',
      'workstation://ticket/-3',
    ]) {
      expect(parseDeepLink(bad), bad).toBeNull();
    }
  });
});

describe('IPC argument schemas', () => {
  it('accept a well-formed schedule and refuse malformed alerts', () => {
    const schema = IPC_ARGS[IPC_CHANNELS.scheduleSlaAlerts];
    const alert = {
      ticketId: 't-1',
      label: 'INC-1042',
      title: 'Printer jams',
      priority: 'P1',
      clock: 'resolution',
      kind: 'breach',
      at: '2026-11-25T15:00:00.000Z',
    };
    expect(schema.safeParse([{ alerts: [alert] }]).success).toBe(true);
    expect(schema.safeParse([{ alerts: [{ ...alert, kind: 'explode' }] }]).success).toBe(false);
    expect(schema.safeParse([{ alerts: [alert] }, 'extra']).success).toBe(false);
  });

  it('only open http(s) and mailto links externally', () => {
    const schema = IPC_ARGS[IPC_CHANNELS.openExternal];
    expect(schema.safeParse(['https://example.com/kb/42']).success).toBe(true);
    expect(schema.safeParse(['mailto:help@example.com']).success).toBe(true);
    expect(schema.safeParse(['file:///etc/passwd']).success).toBe(false);
    expect(schema.safeParse(['javascript:alert(1)']).success).toBe(false);
  });
});
