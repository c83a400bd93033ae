import { expect, test } from '@playwright/test';
import config from '../../playwright.config';
import { type RunningServer, startServer } from '../../server/app';
import { DEMO_PASSWORD, WEB_ROOT } from './app-fixture';
import { freePort } from './free-port';

/**
 * Before a password goes to a plain http:// server beyond this machine, the sign-in says so, and goes on only when
 * asked again. Chromium resolves `desk.test` to this machine, so the page sees a network address while the real
 * server answers. The workstation itself is loaded from http://localhost (a secure page, like the desktop app's).
 */
const NETWORK_HOST = 'desk.test';
test.use({
  // The page stands in for the desktop window, whose CSP names the configured sync server (main/security/csp.ts);
  // the web app the server serves may connect only to its own origin, so its CSP is set aside here.
  bypassCSP: true,
  launchOptions: {
    ...config.use?.launchOptions,
    args: [...(config.use?.launchOptions?.args ?? []), `--host-resolver-rules=MAP ${NETWORK_HOST} 127.0.0.1`],
  },
});
test.describe.configure({ timeout: 120_000 });

let server: RunningServer;
let port: number;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  port = await freePort();
  server = await startServer({
    port,
    demo: { tickets: 50 },
    webRoot: WEB_ROOT,
    logger: false,
    // The workstation page on localhost calls the same server under its network name: a cross-origin call.
    corsOrigins: [`http://localhost:${port}`],
  });
});
test.afterAll(async () => {
  await server?.close();
});

const pageUrl = () => `http://localhost:${port}`;
const networkUrl = () => `http://${NETWORK_HOST}:${port}`;

test('a plain http:// server on the network is named as unencrypted before the password goes; signing in goes on when asked again', async ({
  page,
}) => {
  await page.goto(pageUrl());
  await expect(page.getByTestId('signin-server')).toHaveText(pageUrl());
  await expect(page.getByTestId('insecure-server-warning')).toHaveCount(0);
  await page.getByRole('button', { name: 'Change server' }).click();
  await page.getByRole('textbox', { name: 'Server' }).fill(networkUrl());
  await page.getByRole('button', { name: 'Continue' }).click();

  const warning = page.getByRole('alert').filter({ hasText: 'Not encrypted' });
  await expect(warning).toContainText(`${NETWORK_HOST}:${port} is a plain http:// address`);
  await expect(page.getByRole('textbox', { name: 'Server' })).toHaveValue(networkUrl());
  await page.screenshot({ path: test.info().outputPath('server-step-warning.png') });

  await page.getByRole('button', { name: 'Use it anyway' }).click();
  await expect(page.getByTestId('signin-server')).toHaveText(networkUrl());
  await expect(page.getByTestId('insecure-server-warning')).toContainText(
    `Your password goes to ${NETWORK_HOST}:${port} unencrypted`,
  );
  await page.getByRole('textbox', { name: 'Email' }).fill('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.screenshot({ path: test.info().outputPath('credentials-warning.png') });
  await page.getByRole('button', { name: 'Sign in anyway' }).click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
});

test('the web app loaded over plain http:// from the network says to open it over https:// instead of failing to sign in', async ({
  page,
}) => {
  await page.goto(networkUrl());
  await expect(page.getByRole('heading', { name: 'Open the workstation over https://' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`This page came from ${networkUrl()}, a plain http:// address`);
  await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('insecure-page.png') });
});
