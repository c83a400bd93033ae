import { z } from 'zod';
import { DEEP_LINK_SCHEME, type OpenTicketRef, parseDeepLink } from '../shared/ipc/contract';

const PREFIX = `${DEEP_LINK_SCHEME}://`;

/** The deep link among command-line arguments (Windows and Linux pass it there), or null. */
export function findDeepLink(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(PREFIX)) ?? null;
}

const ForwardedSchema = z.object({ deepLink: z.string().max(2000).nullable() });

/**
 * The ticket a second launch asked for. Its own deep link travels in `additionalData` (argv can be reordered or
 * extended by Chromium); argv is the fallback. Anything `parseDeepLink` refuses gives null.
 */
export function ticketFromSecondInstance(argv: readonly string[], additionalData: unknown): OpenTicketRef | null {
  const forwarded = ForwardedSchema.safeParse(additionalData);
  const link = forwarded.success && forwarded.data.deepLink !== null ? forwarded.data.deepLink : findDeepLink(argv);
  return link === null ? null : parseDeepLink(link);
}

/**
 * Holds the ticket to open until the page can receive it (a link that launched the app arrives before the window
 * has loaded). Only the latest request is kept: opening two tickets at once means the last one.
 */
export class TicketRouter {
  readonly #deliver: (ref: OpenTicketRef) => void;
  #waiting: OpenTicketRef | null = null;
  #ready = false;

  constructor(deliver: (ref: OpenTicketRef) => void) {
    this.#deliver = deliver;
  }

  open(ref: OpenTicketRef): void {
    if (this.#ready) this.#deliver(ref);
    else this.#waiting = ref;
  }

  /** True once the page has loaded, false while it (re)loads. */
  setReady(ready: boolean): void {
    this.#ready = ready;
    if (ready && this.#waiting !== null) {
      const ref = this.#waiting;
      this.#waiting = null;
      this.#deliver(ref);
    }
  }
}
