import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';
import { TicketRouter } from './deep-links';
import { createTicketOpener, revealWindow } from './window-focus';

function fakeWindow(minimized: boolean) {
  return { isMinimized: vi.fn(() => minimized), restore: vi.fn(), show: vi.fn(), focus: vi.fn(), send: vi.fn() };
}

describe('opening a ticket from outside the page', () => {
  it('restores a minimised window, shows a hidden one, focuses it', () => {
    const window = fakeWindow(true);
    revealWindow(window);
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('a notification click focuses the window and sends nav:open-ticket with the ticket', () => {
    const window = fakeWindow(false);
    const router = new TicketRouter((ref) => window.send(IPC_CHANNELS.openTicket, ref));
    router.setReady(true);
    const open = createTicketOpener(() => window, router);

    open({ ticketId: 't-1042' });
    expect(window.focus).toHaveBeenCalled();
    expect(window.send).toHaveBeenCalledWith('nav:open-ticket', { ticketId: 't-1042' });

    open(null); // a summary, or a second launch without a link
    expect(window.focus).toHaveBeenCalledTimes(2);
    expect(window.send).toHaveBeenCalledTimes(1);
  });
});
