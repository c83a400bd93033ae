import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';

let root: string;
let secret: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<html><head><script src="./assets/a.js"></script></head></html>');
  writeFileSync(join(root, 'assets', 'a.js'), 'console.log(1)');
  secret = join(base, 'secret.txt');
  writeFileSync(secret, 'token');
});

const serve = (url: string, method = 'GET') =>
  createAppProtocolHandler({ root, csp: () => "default-src 'self'" })(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('serves the page with the CSP header and meta tag', async () => {
    const response = await serve('app://workstation/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<meta http-equiv="Content-Security-Policy"');
  });

  it('serves assets with their type, and the page for app routes', async () => {
    const script = await serve('app://workstation/assets/a.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await serve('app://workstation/tickets/42')).headers.get('content-security-policy')).not.toBeNull();
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const response = await serve(`app://workstation${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toBe('token');
    }
  });

  it('answers 404 for missing files and other hosts, 405 for writes', async () => {
    expect((await serve('app://workstation/assets/missing.js')).status).toBe(404);
    expect((await serve('app://other/index.html')).status).toBe(404);
    expect((await serve('app://workstation/index.html', 'POST')).status).toBe(405);
    expect((await serve('app://workstation/%E0%A4%A')).status).toBe(400);
  });
});
