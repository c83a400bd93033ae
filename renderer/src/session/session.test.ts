import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../rx/demo-data';
import type { Session } from '../rx/store-api';
import { type FakePlatform, installFakePlatform, removeFakePlatform } from '../testing/fake-platform';
import { checkSession, forgetToken, offlineSessionFor, resumeSession } from './session';

const agent = DEMO_USERS[0] as NonNullable<(typeof DEMO_USERS)[0]>;
const server = 'https://desk.example.com';
let platform: FakePlatform;

beforeEach(() => {
  localStorage.clear();
  platform = installFakePlatform(server, { shell: 'web' });
  localStorage.setItem('workstation.session', JSON.stringify({ serverUrl: server, user: agent }));
});
afterEach(() => removeFakePlatform());

describe('resuming a session', () => {
  it("resumes this tab's token first, else the one kept on the device, and says which", async () => {
    platform.kept.set(server, 'token-kept-0123456789');
    expect(await resumeSession()).toEqual({
      session: { serverUrl: server, user: agent, token: 'token-kept-0123456789' },
      fromDevice: true,
    });
    platform.tokens.set(server, 'token-tab-0123456789');
    expect(await resumeSession()).toEqual({
      session: { serverUrl: server, user: agent, token: 'token-tab-0123456789' },
      fromDevice: false,
    });
  });

  it('has nothing to resume once the token is forgotten, in the tab and on the device', async () => {
    platform.tokens.set(server, 'token-tab-0123456789');
    platform.kept.set(server, 'token-kept-0123456789');
    await forgetToken(server);
    expect(await resumeSession()).toBeNull();
  });

  it('offers a kept session to work offline after the browser restarted (no token in the tab)', async () => {
    platform.kept.set(server, 'token-kept-0123456789');
    expect(await offlineSessionFor(`${server}/`, ` ${agent.email} `)).toEqual({
      serverUrl: server,
      user: agent,
      token: 'token-kept-0123456789',
    });
    expect(await offlineSessionFor(server, 'someone.else@demo.local')).toBeNull();
  });
});

describe('checking a resumed token with the server', () => {
  const session: Session = { serverUrl: server, user: agent, token: 'token-kept-0123456789' };
  const answering = (status: number) => vi.fn(async () => new Response(status === 200 ? '{}' : null, { status }));

  it('asks /api/auth/me with the token', async () => {
    const fetcher = answering(200);
    expect(await checkSession(session, { fetcher })).toBe('valid');
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`${server}/api/auth/me`);
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer token-kept-0123456789');
  });

  it('is refused only by a 401; a server that cannot answer leaves the session to work offline', async () => {
    expect(await checkSession(session, { fetcher: answering(401) })).toBe('refused');
    expect(await checkSession(session, { fetcher: answering(503) })).toBe('unreachable');
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await checkSession(session, { fetcher: down })).toBe('unreachable');
    const silent = vi.fn(
      (_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    );
    expect(await checkSession(session, { fetcher: silent, timeoutMs: 20 })).toBe('unreachable');
  });
});
