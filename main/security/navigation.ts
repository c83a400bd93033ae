import type { Event, HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { ExternalUrlSchema } from '../../shared/ipc/contract';
import { isAppUrl } from '../app-origin';

export interface GuardOptions {
  /** The origins of the app's own page (see `appOrigins`). */
  origins: ReadonlySet<string>;
  /** Hands a link to the OS browser or mail client. */
  openExternal(url: string): void;
  warn(message: string): void;
}

/** Links the OS may open: http(s) and mailto only (never file:, javascript:, custom schemes). */
export const isExternalLink = (url: string): boolean => ExternalUrlSchema.safeParse(url).success;

/** No window is ever opened by the page; an http(s)/mailto link goes to the OS instead. */
export function windowOpenHandler(
  options: GuardOptions,
): (details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse {
  return ({ url }) => {
    if (isExternalLink(url)) options.openExternal(url);
    else options.warn(`Refused to open a window for ${url}`);
    return { action: 'deny' };
  };
}

type NavigationEvent = Pick<Event<{ url: string }>, 'preventDefault' | 'url'>;

/** The page never navigates off the app's origin; a link the user followed opens in the OS browser instead. */
export function willNavigateHandler(options: GuardOptions): (event: NavigationEvent) => void {
  return (event) => {
    if (isAppUrl(event.url, options.origins)) return;
    event.preventDefault();
    if (isExternalLink(event.url)) options.openExternal(event.url);
    else options.warn(`Blocked navigation to ${event.url}`);
  };
}

/** A redirect off the app's origin is not something the user asked for: it is blocked, not forwarded. */
export function willRedirectHandler(options: GuardOptions): (event: NavigationEvent) => void {
  return (event) => {
    if (isAppUrl(event.url, options.origins)) return;
    event.preventDefault();
    options.warn(`Blocked redirect to ${event.url}`);
  };
}

/** Applies every guard to a web contents (each one the app creates: see `web-contents-created`). */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  contents.setWindowOpenHandler(windowOpenHandler(options));
  contents.on('will-navigate', willNavigateHandler(options));
  contents.on('will-redirect', willRedirectHandler(options));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.warn('Refused to attach a <webview>');
  });
}
