import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../../server/app';
import {
  activeRow,
  confirmBreachIfAsked,
  DEMO_PASSWORD,
  E2E_TICKETS,
  focusList,
  keys,
  openField,
  signIn,
  ticketsOnServer,
  WEB_ROOT,
} from './app-fixture';
import { freePort } from './free-port';

/**
 * The web build opens without its server: the service worker serves the cached app shell, the session kept on the
 * device ("keep me signed in") opens the workspace from the replica, and work done then reaches the server once it is
 * back. Service workers and IndexedDB belong to an origin, so this file's server keeps one port across its restart,
 * and a PGlite data directory on disk keeps the desk (and the session) across it.
 */
let dataDir = '';
let port = 0;
let server: RunningServer | null = null;
const url = () => `http://127.0.0.1:${port}`;

async function start(): Promise<RunningServer> {
  server = await startServer({
    port,
    host: '127.0.0.1',
    dataDir,
    demo: { tickets: E2E_TICKETS }, // seeds the first start only: a desk that has users is left as it is
    webRoot: WEB_ROOT,
    logger: false,
  });
  return server;
}

async function stop(): Promise<void> {
  await server?.close();
  server = null;
}

test.describe.configure({ timeout: 180_000 });
test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(join(tmpdir(), 'itsm-offline-start-'));
  port = await freePort();
  await start();
});
test.afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until the service worker has cached the app shell and is active for this origin. */
async function shellCached(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 30_000 })
    .toBe('activated');
}

/** Closes the tab and opens a new one in the same browser profile (same IndexedDB and service worker, new tab storage). */
async function reopen(context: BrowserContext, page: Page): Promise<Page> {
  await page.close();
  const next = await context.newPage();
  await next.goto(url());
  return next;
}

test('kept signed in: the page opens with the server stopped, a ticket is worked, and the change reaches the server when it is back', async ({
  browser,
}) => {
  const context = await browser.newContext();
  let page = await context.newPage();
  await signIn(page, url(), 'technician@demo.local', { keep: true });
  await shellCached(page);

  await stop();
  page = await reopen(context, page);

  // The shell came from the service worker's cache (nothing else could answer) and the session from the device: the
  // workspace, offline.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${url()}/sw.js`);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });
  await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
  await keys(page, 'g', 'm');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  expect(label).toMatch(/^[A-Z]+-\d+$/);
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  const priority = pane.getByRole('button', { name: 'Priority: change' });
  const target = (await priority.textContent())?.startsWith('P4') ? 'P3' : 'P4';
  await openField(page, 'p');
  await page.keyboard.type(target);
  await keys(page, 'Enter');
  await confirmBreachIfAsked(page, priority.filter({ hasText: target }));
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending');

  // A reload while still offline keeps the change (it is in the replica) and the session.
  await page.reload();
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending', { timeout: 30_000 });

  // The server comes back on the same address and desk: the change is sent without signing in again.
  const back = await start();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 90_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online');
  expect((await ticketsOnServer(back, [label]))[0]?.priority).toBe(target);

  // Signing out revokes the session on the server and forgets it on the device: a new tab asks to sign in.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();
  const { rows } = await back.db.query<{ live: number }>(
    "SELECT count(*)::int AS live FROM sessions WHERE user_id = 'u-technician' AND revoked_at IS NULL",
  );
  expect(rows[0]?.live).toBe(0);
  page = await reopen(context, page);
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0);
  await context.close();
});

test('not kept: closing the tab ends the session, as before', async ({ browser }) => {
  const context = await browser.newContext();
  let page = await context.newPage();
  await signIn(page, url(), 'agent@demo.local');
  // A reload of the same tab resumes (the token is this tab's)…
  await page.reload();
  await expect(page.getByTestId('sync-indicator')).toBeVisible();
  // …a new tab does not.
  page = await reopen(context, page);
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Keep me signed in on this device' })).not.toBeChecked();
  await context.close();
});

test('a kept session that expired meanwhile leads to sign-in, which says why; signing in again opens the workspace', async ({
  browser,
}) => {
  const context = await browser.newContext();
  let page = await context.newPage();
  await signIn(page, url(), 'agent@demo.local', { keep: true });
  await shellCached(page);
  // The token's time runs out on the server while the tab is closed.
  page = await reopen(context, page);
  await expect(page.getByTestId('sync-indicator')).toBeVisible();
  await page.close();
  if (!server) throw new Error('server not running');
  await server.db.query('UPDATE sessions SET expires_at = $1 WHERE user_id = $2', [
    new Date(Date.now() - 60_000).toISOString(),
    'u-agent',
  ]);
  page = await context.newPage();
  await page.goto(url());
  await expect(
    page.getByRole('status').filter({ hasText: 'Your saved sign-in on this device has ended' }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await context.close();
});
