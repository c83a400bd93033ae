import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, type StartOptions, startServer } from '../../server/app';
import { configFrom } from '../../server/config';
import { testStorage } from '../../server/db/test-databases';
import { makeTestCertificate, type TestCertificate } from './tls-certificate';

/** A demo server (no tickets) in this process on in-memory PGlite, with `options`. */
async function serve(options: Partial<StartOptions>): Promise<RunningServer> {
  const storage = await testStorage('pglite');
  return startServer({
    ...storage.options,
    port: 0,
    logger: false,
    slaIntervalMs: 0,
    demo: { tickets: 0 },
    ...options,
  });
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function get(url: string, ca?: Buffer): Promise<Answer> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, ca ? { ca } : {}, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS served by the server itself', () => {
  let certificate: TestCertificate;
  let server: RunningServer;
  beforeAll(async () => {
    certificate = makeTestCertificate();
    const options = configFrom(
      ['--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile, '--port', '0'],
      {},
    );
    server = await serve({ tls: options.tls });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    certificate?.remove();
  });

  it('answers over TLS with its certificate, at an https:// address', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await get(`${server.url}/api/health`, certificate.cert);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
  });

  it('tells browsers to keep to HTTPS (HSTS), which a plain-HTTP server never does', async () => {
    const health = await get(`${server.url}/api/health`, certificate.cert);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('does not speak plain HTTP on that port, so no password crosses it unencrypted', async () => {
    const plain = await get(`${server.url.replace('https:', 'http:')}/api/health`).catch((error: Error) => error);
    expect(plain).toBeInstanceOf(Error);
  });

  it('refuses a certificate without its key, and files it cannot read, naming the flag', () => {
    expect(() => configFrom(['--tls-cert', certificate.certFile], {})).toThrow('--tls-cert and --tls-key go together');
    expect(() => configFrom(['--tls-cert', '/nowhere/cert.pem', '--tls-key', certificate.keyFile], {})).toThrow(
      '--tls-cert / TLS_CERT: cannot read /nowhere/cert.pem',
    );
    expect(() =>
      configFrom([], { TLS_CERT: certificate.keyFile.replace('key', 'nope'), TLS_KEY: certificate.keyFile }),
    ).toThrow(/cannot read/);
  });
});

describe('behind a reverse proxy', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  /**
   * A wrong sign-in from a client behind the proxy (the proxy forwards the client's address), each to another account,
   * so only the per-address limit (10 × loginAttemptsPerMinute) counts, not the per-account one.
   */
  let accounts = 0;
  const attempt = (server: RunningServer, client: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ email: `guess${++accounts}@demo.local`, password: 'wrong' }),
    }).then((response) => response.status);
  const attempts = async (server: RunningServer, client: string, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push(await attempt(server, client));
    return statuses;
  };

  it('tells clients behind a trusted proxy apart: one client locked out does not lock out the next', async () => {
    const trustProxy = configFrom(['--trust-proxy', '127.0.0.1,10.0.0.0/8'], {}).trustProxy;
    const server = await serve({ trustProxy, loginAttemptsPerMinute: 1 });
    servers.push(server);
    expect(await attempts(server, '203.0.113.1', 10)).toEqual(Array(10).fill(401));
    expect(await attempt(server, '203.0.113.1')).toBe(429);
    expect(await attempt(server, '203.0.113.2')).toBe(401);
  }, 60_000);

  it('ignores X-Forwarded-For from a peer it does not trust: a client cannot pick its own address', async () => {
    const server = await serve({ trustProxy: ['192.0.2.10'], loginAttemptsPerMinute: 1 });
    servers.push(server);
    expect(await attempts(server, '203.0.113.1', 10)).toEqual(Array(10).fill(401));
    expect(await attempt(server, '203.0.113.2')).toBe(429);
  }, 60_000);

  it('refuses a proxy address that is not one, naming it', () => {
    expect(() => configFrom(['--trust-proxy', '10.0.0.1,proxy.internal,10.0.0.0/33'], {})).toThrow(
      '--trust-proxy / TRUST_PROXY: proxy.internal, 10.0.0.0/33 is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal',
    );
    expect(configFrom([], { TRUST_PROXY: 'loopback, ::1, fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '::1',
      'fd00::/8',
    ]);
    expect(configFrom([], {}).trustProxy).toBeUndefined();
  });
});

describe('the demo desk on a network address', () => {
  const start = async (host: string) => {
    const lines: { level: number; msg: string }[] = [];
    const server = await serve({
      host,
      logger: { level: 'warn', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    });
    await server.close();
    return lines.filter((line) => line.level === 40).map((line) => line.msg);
  };

  it('logs a warning banner when it listens beyond this machine', async () => {
    const warnings = await start('0.0.0.0');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^DEMO MODE ON A NETWORK ADDRESS \(http:\/\/0\.0\.0\.0:\d+\): anyone who reaches it/);
  }, 60_000);

  it('stays quiet on loopback', async () => {
    expect(await start('127.0.0.1')).toEqual([]);
  }, 60_000);
});
