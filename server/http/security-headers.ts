import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { cspDirectives } from '../../shared/security/csp';

export interface SecurityHeaderOptions {
  /** The server serves HTTPS itself: browsers are told to use nothing else (HSTS). Behind a TLS proxy, the proxy sends it. */
  hsts?: boolean;
}

/** A year, as HSTS preload lists expect. */
const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * Security headers on every answer, through @fastify/helmet: the web app's and the portal's pages get the desktop
 * window's Content-Security-Policy (shared/security/csp.ts; connections only to this server, their own origin), no
 * other site may frame them (`frame-ancestors 'none'`, X-Frame-Options DENY), content types are not sniffed, no
 * Referer leaves the page, and HSTS when serving TLS. Helmet's default CSP is not used: its `upgrade-insecure-requests`
 * would break a desk served over plain HTTP on its own network.
 */
export async function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives() },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.hsts ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
  });
}
