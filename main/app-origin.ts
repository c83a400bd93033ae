/** The renderer is served from this privileged scheme, never from file:// (the sync server allows CORS from it). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it does not parse. Node's `URL.origin` is "null" for schemes it does
 * not know (such as `app:`), so the origin is built from the parts.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * The origins the app's own page may have: the privileged scheme, plus the Vite dev server in development
 * (`electron-vite dev` sets ELECTRON_RENDERER_URL); a packaged app never trusts a dev server.
 */
export function appOrigins(options: { isPackaged: boolean; rendererUrl: string | undefined }): ReadonlySet<string> {
  const origins = new Set([APP_ORIGIN]);
  const devOrigin = !options.isPackaged && options.rendererUrl ? originOf(options.rendererUrl) : null;
  if (devOrigin) origins.add(devOrigin);
  return origins;
}

export const isAppUrl = (url: string, origins: ReadonlySet<string>): boolean => {
  const origin = originOf(url);
  return origin !== null && origins.has(origin);
};
