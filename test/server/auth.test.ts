import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/server-api/auth';
import { Api, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { postFrom } from './rest';

describe.each(TEST_ENGINES)('auth on %s', (engine) => {
  let server: TestServer;
  let anonymous: Api;
  beforeAll(async () => {
    server = await startTestServer(engine, { loginAttemptsPerMinute: 5 });
    anonymous = new Api(server.url);
  });
  afterAll(() => server?.stop());

  it('signs in with email and password and returns the public user, never the hash', async () => {
    const reply = await anonymous.post<LoginResponse>('/api/auth/login', {
      email: 'Agent@Demo.Local',
      password: 'demo1234',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reply.body.user).toMatchObject({ id: 'u-agent', role: 'agent', queueIds: ['q-service-desk', 'q-network'] });
    expect(JSON.stringify(reply.body)).not.toMatch(/scrypt|password/);
    const me = await new Api(server.url, reply.body.token).get<{ user: { id: string } }>('/api/auth/me');
    expect(me.body.user.id).toBe('u-agent');
  });

  it('stores only the token’s hash, so a copy of the sessions table signs nobody in', async () => {
    const { token } = (
      await anonymous.post<LoginResponse>('/api/auth/login', { email: 'requester@demo.local', password: 'demo1234' })
    ).body;
    const stored = await server.db.query<Record<string, unknown>>(
      "SELECT * FROM sessions WHERE user_id = 'u-requester'",
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    const hashAsToken = new Api(server.url, String(stored.rows[0]?.token_hash));
    expect((await hashAsToken.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    const wrong = await anonymous.post('/api/auth/login', { email: 'admin@demo.local', password: 'nope' });
    const unknown = await anonymous.post('/api/auth/login', { email: 'nobody@demo.local', password: 'nope' });
    expect(wrong).toEqual({ status: 401, body: { error: 'Email or password is incorrect' } });
    expect(unknown).toEqual(wrong);
  });

  it('names the missing fields of a malformed sign-in', async () => {
    const reply = await anonymous.post<{ error: string }>('/api/auth/login', { email: 42 });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/email: .*; password: /);
  });

  it('limits sign-in attempts per address and email', async () => {
    const attempt = () =>
      anonymous.post<{ error: string }>('/api/auth/login', { email: 'supervisor@demo.local', password: 'x' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'supervisor@demo.local', password: 'demo1234' }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toMatch(/Too many sign-in attempts/);
  });

  it('limits sign-in attempts per account from any number of addresses', async () => {
    const statuses: number[] = [];
    // Two guesses each from ten addresses: only the account's five get through to the password check.
    for (let i = 0; i < 20; i += 1) {
      const reply = await postFrom(`127.0.0.${10 + (i % 10)}`, server.url, '/api/auth/login', {
        email: 'lena.vogel@demo.local',
        password: `guess-${i}`,
      });
      statuses.push(reply.status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });

  it('limits sign-in attempts per address across accounts, and backs off while they go on', async () => {
    const from = '127.0.0.99';
    const statuses: number[] = [];
    const waits: number[] = [];
    // Fifty accounts once each is the address's limit (ten times the per-account one); then every attempt waits longer.
    for (let i = 0; i < 54; i += 1) {
      const reply = await postFrom(from, server.url, '/api/auth/login', {
        email: `nobody-${i}@demo.local`,
        password: 'x',
      });
      statuses.push(reply.status);
      if (reply.status === 429) {
        waits.push(reply.retryAfter ?? 0);
        expect(reply.body).toEqual({
          error: expect.stringMatching(/^Too many sign-in attempts from this address: try again in \d+ seconds$/),
        });
      }
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(50);
    expect(waits).toEqual([60, 120, 240, 480]);
    // Another address is not held up.
    expect(
      (await postFrom('127.0.0.98', server.url, '/api/auth/login', { email: 'x@y.z', password: 'x' })).status,
    ).toBe(401);
  });

  it('needs a Bearer token on every other route and says what is wrong with it', async () => {
    expect(await anonymous.get('/api/sync/tickets/pull')).toEqual({
      status: 401,
      body: { error: 'Sign in first: the Authorization: Bearer header is missing' },
    });
    const forged = new Api(server.url, 'A'.repeat(43));
    expect((await forged.get<{ error: string }>('/api/sync/tickets/pull')).body.error).toMatch(/not valid/);
    const malformed = await fetch(`${server.url}/api/sync/tickets/pull`, { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });

  it('refuses expired tokens', async () => {
    const api = await Api.login(server.url, 'technician@demo.local');
    expect((await api.get('/api/auth/me')).status).toBe(200);
    // Changed behind the server's back: it hears of it by notification (migration 004), on PostgreSQL a moment later.
    await server.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = 'u-technician'`,
    );
    await expect
      .poll(() => api.get('/api/auth/me'))
      .toEqual({
        status: 401,
        body: { error: 'Your session has expired: sign in again' },
      });
  });

  it('revokes the token on logout', async () => {
    const api = await Api.login(server.url, 'admin@demo.local');
    expect((await api.post('/api/auth/logout', {})).status).toBe(204);
    expect((await api.get<{ error: string }>('/api/auth/me')).body.error).toMatch(/signed out/);
  });

  it('answers health without a token', async () => {
    const reply = await anonymous.get<{ status: string; engine: string }>('/api/health');
    expect(reply).toMatchObject({ status: 200, body: { status: 'ok', engine } });
  });

  it('allows the desktop origin through CORS and nobody else', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/sync/tickets/pull`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('app://workstation');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('app://workstation');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an unusable X-Device-Id', async () => {
    const reply = await fetch(`${server.url}/api/health`, { headers: { 'x-device-id': 'x'.repeat(65) } });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error: string }).error).toMatch(/X-Device-Id/);
  });
});
