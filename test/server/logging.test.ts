import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/server-api/auth';
import { Api, newTicket, PASSWORD, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { call } from './rest';

interface LogEntry {
  msg: string;
  reqId?: string;
  status?: number;
  code?: string;
  reason?: string;
}

/** An operator reads why a request was refused from the server's pino log, which never holds a secret. */
describe.each(TEST_ENGINES)('request log on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine, {
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
    agent = await Api.login(server.url, 'agent@demo.local');
  });
  afterAll(() => server?.stop());

  /** Runs `act` and returns the log it wrote, raw and parsed. */
  const logOf = async (act: () => Promise<unknown>) => {
    const from = lines.length;
    await act();
    const raw = lines.slice(from).join('');
    return { raw, entries: lines.slice(from).map((line) => JSON.parse(line) as LogEntry) };
  };

  it('logs malformed JSON with its status and reason, and not the bearer token', async () => {
    const { raw, entries } = await logOf(async () => {
      const reply = await call(server.url, 'POST', '/api/sync/tickets/push', {
        token: agent.token,
        rawBody: '[{"assumedMasterState": nul',
      });
      expect(reply.status).toBe(400);
    });
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'request refused',
        status: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        reason: expect.stringMatching(/JSON/),
      }),
    );
    expect(raw).not.toContain(agent.token);
  });

  it('logs forbidden writes and reads with their reason', async () => {
    const foreign = newTicket({ queueId: 'q-hardware' });
    const { raw, entries } = await logOf(async () => {
      await agent.push('tickets', [{ assumedMasterState: null, newDocumentState: foreign }]);
      expect((await agent.get(`/api/tickets/${foreign.id}/history`)).status).toBe(403);
    });
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'push row refused',
        code: 'forbidden',
        reason: 'You cannot create tickets in queue "Hardware": you are not a member of it',
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'request refused',
        status: 403,
        reason: 'Only supervisors and admins can read a ticket’s history',
      }),
    );
    expect(raw).not.toContain(agent.token);
  });

  it('logs a refused sign-in without the password, and a successful one without the token', async () => {
    const wrong = 'not-the-password-42';
    let token = '';
    const { raw, entries } = await logOf(async () => {
      const refused = await call(server.url, 'POST', '/api/auth/login', {
        body: { email: 'agent@demo.local', password: wrong },
      });
      expect(refused.status).toBe(401);
      const signedIn = await call<LoginResponse>(server.url, 'POST', '/api/auth/login', {
        body: { email: 'agent@demo.local', password: PASSWORD },
      });
      token = signedIn.body.token;
    });
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'request refused', status: 401, reason: 'Email or password is incorrect' }),
    );
    expect(entries.map((entry) => entry.msg)).toContain('signed in');
    expect(token).not.toBe('');
    for (const secret of [wrong, PASSWORD, token]) expect(raw).not.toContain(secret);
  });
});
