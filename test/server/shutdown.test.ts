import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, newTicket, startTestServer, TEST_ENGINES, type TestServer } from './harness';
import { streamEvent } from './rest';

/** A POST whose body is sent in two halves, so the request stays in flight until `finish()`. */
function postInTwoHalves(url: string, token: string, body: string) {
  const half = Math.floor(body.length / 2);
  const req = request(url, {
    method: 'POST',
    // Kept alive, as workstations' connections are.
    agent: new Agent({ keepAlive: true }),
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  });
  const reply = new Promise<{ status: number; connection: string | undefined; body: unknown }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: JSON.parse(text) }),
      );
    });
  });
  req.write(body.slice(0, half));
  return { reply, finish: () => req.end(body.slice(half)) };
}

/** Resolves with the connection error code, or 'connected' when something still listens. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe.each(TEST_ENGINES)('graceful shutdown on %s', (engine) => {
  let server: TestServer;
  let agent: Api;
  beforeAll(async () => {
    server = await startTestServer(engine);
    agent = await Api.login(server.url, 'agent@demo.local');
  });
  afterAll(() => server?.stop());

  it('finishes a request in flight with its normal answer, ends live streams, and accepts no new connections', async () => {
    const stream = streamEvent(server.url, agent.token ?? '', () => false);
    await stream.ready;
    const arrived = once(server.app.server, 'request');
    const ticket = newTicket({ title: 'Sent while the server stops' });
    const push = postInTwoHalves(
      `${server.url}/api/sync/tickets/push`,
      agent.token ?? '',
      JSON.stringify([{ assumedMasterState: null, newDocumentState: ticket }]),
    );
    await arrived;

    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await expect(stream.event).rejects.toThrow('stream ended before the expected event');
    while (server.app.server.listening) await sleep(10);
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    expect(closed).toBe(false);

    push.finish();
    // Told to drop its kept-alive connection, the client does not hold close() until the keep-alive timeout.
    expect(await push.reply).toEqual({ status: 200, connection: 'close', body: { conflicts: [], rejected: [] } });
    await closing;
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
  });

  it('ends connections that carry no request: one a client opened and left silent, and a live stream’s, kept alive after the stream ends', async () => {
    const other = await startTestServer(engine);
    const signedIn = await Api.login(other.url, 'agent@demo.local');
    const silent = connect(other.port, '127.0.0.1');
    await once(silent, 'connect');
    // A kept-alive agent keeps the stream's socket for its next request once the server ends the stream.
    const streamRequest = request(`${other.url}/api/sync/stream`, {
      agent: new Agent({ keepAlive: true }),
      headers: { authorization: `Bearer ${signedIn.token}` },
    });
    streamRequest.end();
    const [response] = (await once(streamRequest, 'response')) as [NodeJS.ReadableStream];
    await once(response, 'data');
    response.resume();
    const streamSocket = streamRequest.socket;
    if (!streamSocket) throw new Error('the stream has no socket');

    const silentEnded = once(silent, 'close');
    const streamSocketEnded = once(streamSocket, 'close');
    // Neither client lets go of its socket: close() finishes only because the server ends them.
    await other.close();
    await Promise.all([silentEnded, streamSocketEnded]);
  });
});
