import { describe, expect, it, vi } from 'vitest';
import { findDeepLink, TicketRouter, ticketFromSecondInstance } from './deep-links';

describe('deep links from the command line', () => {
  it('finds the link among Chromium flags, in any case', () => {
    expect(findDeepLink(['/opt/app/itsm', '--no-sandbox', 'WORKSTATION://ticket/1042'])).toBe(
      'WORKSTATION://ticket/1042',
    );
    expect(findDeepLink(['/opt/app/itsm', '--flag'])).toBeNull();
  });

  it('reads a second launch: the forwarded link first, argv as fallback', () => {
    expect(ticketFromSecondInstance(['app', 'workstation://ticket/1'], { deepLink: 'workstation://ticket/7' })).toEqual(
      {
        number: 7,
      },
    );
    expect(ticketFromSecondInstance(['app', 'workstation://ticket/1'], { deepLink: null })).toEqual({ number: 1 });
    expect(ticketFromSecondInstance(['app', 'workstation://ticket/1'], 'garbage')).toEqual({ number: 1 });
  });

  it('rejects bad links: a second launch then only focuses the window', () => {
    for (const link of [
      'workstation://ticket/0',
      'workstation://ticket/1;rm -rf',
      'workstation://ticket/1/../../settings',
      'workstation://admin/1',
      'workstation://ticket/abc',
    ]) {
      expect(ticketFromSecondInstance(['app', link], undefined), link).toBeNull();
      expect(ticketFromSecondInstance([], { deepLink: link }), link).toBeNull();
    }
  });
});

describe('ticket router', () => {
  it('holds a request until the page has loaded, keeping the latest', () => {
    const deliver = vi.fn();
    const router = new TicketRouter(deliver);
    router.open({ number: 1 });
    router.open({ number: 2 });
    expect(deliver).not.toHaveBeenCalled();
    router.setReady(true);
    expect(deliver.mock.calls).toEqual([[{ number: 2 }]]);
    router.open({ ticketId: 't-9' });
    expect(deliver).toHaveBeenLastCalledWith({ ticketId: 't-9' });
    router.setReady(false); // reloading
    router.open({ number: 3 });
    expect(deliver).toHaveBeenCalledTimes(2);
  });
});
