import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';

/** The desktop renderer runs on `app://workstation`: only that origin may call the API from a page. */
describe('CORS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const preflight = (origin: string, method: string) =>
    fetch(`${server.url}/api/admin/queues/q-network`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method },
    });

  it('lets the desktop app send every method the API uses, with its headers', async () => {
    const response = await preflight('app://workstation', 'PUT');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://workstation');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('gives other origins nothing to work with', async () => {
    const response = await preflight('https://evil.example', 'DELETE');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    const login = await fetch(`${server.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(login.headers.get('access-control-allow-origin')).toBeNull();
  });
});
