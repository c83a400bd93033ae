import { basename, resolve, sep } from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { NotFoundFallback } from './errors';

export interface StaticSites {
  /** A built web app served at `/`, with its index.html for any other non-API path (client-side routing). */
  webRoot?: string;
  /** The requester portal, served at `/portal/` the same way. */
  portalRoot?: string;
}

/** Registers the static sites and returns the single-page-app fallback for the not-found handler. */
export async function installStaticSites(app: FastifyInstance, sites: StaticSites): Promise<NotFoundFallback> {
  const portalRoot = sites.portalRoot === undefined ? undefined : resolve(sites.portalRoot);
  const webRoot = sites.webRoot === undefined ? undefined : resolve(sites.webRoot);
  let decorated = false;
  if (portalRoot) {
    await app.register(fastifyStatic, { root: portalRoot, prefix: '/portal/', decorateReply: true });
    decorated = true;
  }
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      decorateReply: !decorated,
      cacheControl: false, // setWebAppCaching decides, per file
      setHeaders: (res, path) => setWebAppCaching(res, webRoot, path),
    });
  }
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (request.url.startsWith('/api/') || request.url === '/api') return false;
    const root = portalRoot && /^\/portal(\/|$|\?)/.test(request.url) ? portalRoot : webRoot;
    if (!root) return false;
    // The page of a client-side route is index.html: revalidated like it (setWebAppCaching), whichever site it is.
    reply.header('cache-control', REVALIDATE);
    reply.sendFile('index.html', root, { cacheControl: false });
    return true;
  };
}

/** Hashed build output: the name changes with the content, so a copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else is checked with the server each time it is fetched (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

/**
 * Caching of the web app's files. The service worker (`sw.js`, and the Workbox runtime it imports) and `index.html`
 * must reach browsers as soon as a new build is deployed, so they are revalidated on every fetch: a cached worker
 * would keep serving the old app shell. The files under `assets/` carry a content hash in their names (Vite), so they
 * may be kept for a year. No `Service-Worker-Allowed` header is needed: the worker sits at the root, so its default
 * scope is already the whole app.
 */
export function setWebAppCaching(res: SetHeadersResponse, webRoot: string, path: string): void {
  const inAssets = path.startsWith(`${webRoot}${sep}assets${sep}`);
  res.setHeader('cache-control', inAssets && /-[\w-]{8,}\.\w+$/.test(basename(path)) ? IMMUTABLE : REVALIDATE);
}
