import { expect, test } from '@playwright/test';
import { type ProcessStorage, processStorage, runServer, runTool, type ServerProcess } from '../server/processes';
import { makeTestCertificate, type TestCertificate } from '../server/tls-certificate';
import { WEB_ROOT } from './app-fixture';

/**
 * A real desk as docs/deploy.md sets one up: no demo, the first admin made with `npm run admin`, HTTPS served by
 * the server processes themselves (two of them on one PostgreSQL when DATABASE_URL is set, one on PGlite otherwise),
 * and the web build signing in as that admin. The certificate is made at test time; Chromium is told to accept it.
 */
const ADMIN = { email: 'olga.ops@example.com', name: 'Olga Ops', password: 'a passphrase for the desk' };

let storage: ProcessStorage;
let certificate: TestCertificate;
const servers: ServerProcess[] = [];
const urls: string[] = [];

test.describe.configure({ timeout: 180_000 });
test.use({ ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  storage = await processStorage(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  certificate = makeTestCertificate();
  const created = await runTool(
    'server/cli/admin.ts',
    ['create-user', '--role', 'admin', '--email', ADMIN.email, '--name', ADMIN.name, ...storage.args],
    { env: storage.env, input: `${ADMIN.password}\n` },
  );
  expect(created.stderr).toBe('');
  const flags = ['--port', '0', '--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile];
  for (let i = 0; i < (process.env.DATABASE_URL ? 2 : 1); i++) {
    const server = runServer([...flags, '--web-root', WEB_ROOT, ...storage.args], storage.env);
    servers.push(server);
    urls.push(await server.ready);
  }
});
test.afterAll(async () => {
  for (const server of servers) await server.stop();
  await storage?.drop();
  certificate?.remove();
});

test('the first admin signs in from the workstation on each HTTPS server process of a desk without demo data', async ({
  browser,
}) => {
  for (const url of urls) {
    expect(url).toMatch(/^https:\/\//);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('signin-server')).toHaveText(url);
    await expect(page.getByTestId('insecure-server-warning')).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Email' }).fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(page.getByTestId('user-menu')).toContainText(ADMIN.name);
    await page.screenshot({ path: test.info().outputPath(`signed-in-${urls.indexOf(url)}.png`) });
    // No demo account exists on this desk.
    const demo = await page.request.post(`${url}/api/auth/login`, {
      data: { email: 'admin@demo.local', password: 'demo1234' },
    });
    expect(demo.status()).toBe(401);
    await context.close();
  }
});
