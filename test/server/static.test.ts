import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, startTestServer, type TestServer } from './harness';
import { makeStaticSites } from './static-sites';

describe('static sites', () => {
  let server: TestServer;
  const sites = makeStaticSites();

  beforeAll(async () => {
    server = await startTestServer('pglite', { webRoot: sites.webRoot, portalRoot: sites.portalRoot });
  });
  afterAll(async () => {
    await server?.stop();
    sites.remove();
  });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('serves the web app at / with its index for client-side routes', async () => {
    expect(await get('/')).toEqual({ status: 200, text: '<title>workstation</title>' });
    expect(await get('/assets/app.js')).toEqual({ status: 200, text: 'console.log(1)' });
    expect((await get('/tickets/42')).text).toBe('<title>workstation</title>');
  });

  it('has browsers revalidate the service worker and the page on every fetch, and keep hashed assets', async () => {
    const headers = async (path: string) => (await fetch(`${server.url}${path}`)).headers;
    const worker = await headers('/sw.js');
    // Served as a script (browsers refuse to register a worker of another type), never from a stale HTTP cache.
    expect(worker.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(worker.get('cache-control')).toBe('no-cache');
    // Its default scope is the whole app already: no wider scope is asked for.
    expect(worker.get('service-worker-allowed')).toBeNull();
    expect((await headers('/')).get('cache-control')).toBe('no-cache');
    expect((await headers('/tickets/42')).get('cache-control')).toBe('no-cache');
    expect((await headers('/assets/app.js')).get('cache-control')).toBe('no-cache');
    expect((await headers('/assets/index-BzGW6NTp.js')).get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('serves the portal at /portal/ the same way', async () => {
    expect((await get('/portal/')).text).toBe('<title>portal</title>');
    expect((await get('/portal/requests/7')).text).toBe('<title>portal</title>');
  });

  it('never answers an API path with the app: unknown API paths need a session, then get a JSON 404', async () => {
    expect((await fetch(`${server.url}/api/nothing-here`)).status).toBe(401);
    const api = await Api.login(server.url, 'agent@demo.local');
    expect(await api.get('/api/nothing-here')).toEqual({
      status: 404,
      body: { error: 'No such endpoint: GET /api/nothing-here' },
    });
  });
});
