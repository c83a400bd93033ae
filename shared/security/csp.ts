/**
 * The pages' Content-Security-Policy: one policy for the desktop window (main/security/csp.ts) and for the web app and
 * requester portal the sync server serves (server/http/security-headers.ts). Scripts only from the page's own origin
 * (no inline, no eval); connections only to it and the given origins (the desktop's configured sync server; a page the
 * server serves talks to that server, its own origin). Styles allow 'unsafe-inline' because Mantine sets style
 * attributes (style props, CSS variables) that a nonce cannot cover. No page may be framed by another site. Workers
 * only from the page's own origin: the web build's service worker (`/sw.js`, which caches the app shell for offline
 * starts); the desktop window never registers one.
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export function cspDirectives(connectOrigins: readonly string[] = []): CspDirectives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...connectOrigins],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

/** The policy as a header value: `default-src 'self'; script-src 'self'; …`. */
export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}
