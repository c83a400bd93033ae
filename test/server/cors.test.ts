import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, startTestServer, TEST_ENGINES, type TestServer } from './harness';

const DESKTOP = 'app://workstation';

/** The desktop renderer runs on `app://workstation`: only that origin may call the API from a page. */
describe.each(TEST_ENGINES)('CORS on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const preflight = (origin: string, method: string) =>
    fetch(`${server.url}/api/admin/queues/q-network`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method },
    });

  const varies = (response: Response) =>
    (response.headers.get('vary') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .includes('origin');

  it('lets the desktop app send every method the API uses, with its headers', async () => {
    const response = await preflight(DESKTOP, 'PUT');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DESKTOP);
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

  // A shared cache (a proxy between the desk and the server) must not hand one origin's answer to another: an answer
  // without CORS headers kept for a web page would refuse the desktop app, one with them kept for the app would
  // reach other pages. Every answer says that it depends on Origin.
  it('says every answer depends on the Origin, with or without CORS headers', async () => {
    const answers = await Promise.all([
      fetch(`${server.url}/api/health`, { headers: { origin: DESKTOP } }),
      fetch(`${server.url}/api/health`, { headers: { origin: 'https://evil.example' } }),
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/sync/tickets/pull`, { headers: { ...agent.headers(), origin: DESKTOP } }),
      fetch(`${server.url}/api/sync/tickets/pull`, { headers: { origin: DESKTOP } }),
      preflight(DESKTOP, 'POST'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 401, 204]);
    expect(answers.map(varies)).toEqual([true, true, true, true, true, true]);
  });

  it('lets the desktop app read the live stream, which also says it depends on the Origin', async () => {
    const open = async (origin: string) => {
      const abort = new AbortController();
      const response = await fetch(`${server.url}/api/sync/stream`, {
        headers: { ...agent.headers(), origin },
        signal: abort.signal,
      });
      const reader = response.body?.getReader();
      const first = new TextDecoder().decode((await reader?.read())?.value);
      abort.abort();
      await reader?.cancel().catch(() => undefined);
      return { response, first };
    };
    const desktop = await open(DESKTOP);
    expect(desktop.response.status).toBe(200);
    expect(desktop.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(desktop.first).toContain(': connected');
    expect(desktop.response.headers.get('access-control-allow-origin')).toBe(DESKTOP);
    expect(varies(desktop.response)).toBe(true);

    const other = await open('https://evil.example');
    expect(other.response.headers.get('access-control-allow-origin')).toBeNull();
    expect(varies(other.response)).toBe(true);
  });
});
