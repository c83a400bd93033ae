import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspDirectives } from '../../shared/security/csp';
import { startTestServer, type TestServer } from './harness';
import { makeStaticSites } from './static-sites';

/** A policy header as its directives (helmet separates them with ';', the desktop with '; '). */
const directivesOf = (header: string | null) =>
  Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

/** The web app and the portal carry the desktop window's policy; no other site may frame them. */
describe('security headers', () => {
  const sites = makeStaticSites();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { webRoot: sites.webRoot, portalRoot: sites.portalRoot });
  });
  afterAll(async () => {
    await server?.stop();
    sites.remove();
  });

  it.each(['/', '/tickets/42', '/sw.js', '/portal/', '/portal/requests/7'])('protects the page at %s', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    const csp = directivesOf(response.headers.get('content-security-policy'));
    expect(csp).toEqual(cspDirectives());
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    // The web build's service worker comes from the page's own origin, and only from there.
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    // HSTS only from a server serving HTTPS itself (listening.test.ts).
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends nosniff with API answers too', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
