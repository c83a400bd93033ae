import type { App } from 'electron';
import type { OpenTicketRef } from '../shared/ipc/contract';
import { findDeepLink, ticketFromSecondInstance } from './deep-links';

/**
 * Takes the single-instance lock. A second launch hands its deep link to the first (through the lock's additional
 * data) and quits; the first gets `onSecondInstance` (focus the window, open the ticket if the link was valid).
 * Returns false in the instance that must quit.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  argv: readonly string[],
  onSecondInstance: (ref: OpenTicketRef | null) => void,
): boolean {
  if (!app.requestSingleInstanceLock({ deepLink: findDeepLink(argv) })) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, secondArgv, _workingDirectory, additionalData) => {
    onSecondInstance(ticketFromSecondInstance(secondArgv, additionalData));
  });
  return true;
}
