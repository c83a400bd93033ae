import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
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
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', decorateReply: !decorated });
  }
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (request.url.startsWith('/api/') || request.url === '/api') return false;
    const root = portalRoot && /^\/portal(\/|$|\?)/.test(request.url) ? portalRoot : webRoot;
    if (!root) return false;
    reply.sendFile('index.html', root);
    return true;
  };
}
