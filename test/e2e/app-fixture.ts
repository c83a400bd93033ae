import { resolve } from 'node:path';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../../server/app';
import type { Ticket } from '../../shared/domain/ticket';

/**
 * The real server in the test process (in-memory PGlite, demo desk) serving the web build at `/`, one per test file.
 * Pages talk to it over real HTTP and replicate with it for real.
 */
export const DEMO_PASSWORD = 'demo1234';
/** E2E_WEB_ROOT: another web build to test (so a second run does not rebuild the one a running suite serves). */
export const WEB_ROOT = process.env.E2E_WEB_ROOT ?? resolve(import.meta.dirname, '../../dist/web');

/** A few hundred tickets: every view has rows, and a fresh workstation downloads them in a few seconds. */
export const E2E_TICKETS = 300;

export function appServerPerFile(): { readonly url: string; readonly server: RunningServer } {
  let server: RunningServer | null = null;
  test.describe.configure({ timeout: 120_000 });
  test.beforeAll(async () => {
    // Seeding the demo desk can take more than the default minute on a busy machine.
    test.setTimeout(180_000);
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      demo: { tickets: E2E_TICKETS },
      webRoot: WEB_ROOT,
      logger: false,
    });
  });
  test.afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('server not started');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('server not started');
      return server;
    },
  };
}

/** A session on the server (the admin's unless named), for what others do over HTTP while a test's workstation runs. */
export async function sessionHeaders(url: string, email = 'admin@demo.local'): Promise<Record<string, string>> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** An admin sets the queues a user works on the server, as the admin screen would. */
export async function setQueuesOf(url: string, userId: string, queueIds: string[]): Promise<void> {
  const headers = await sessionHeaders(url);
  const { updatedAt, ...user } = (await (await fetch(`${url}/api/admin/users/${userId}`, { headers })).json()) as {
    updatedAt: string;
  };
  const saved = await fetch(`${url}/api/admin/users/${userId}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...user, queueIds }),
  });
  expect(saved.status, await saved.text()).toBe(200);
}

/** The sign-in screen's first step, when the server shown is not `url`: change it and continue. */
export async function chooseServer(page: Page, url: string): Promise<void> {
  const shown = page.getByTestId('signin-server');
  await expect(shown.or(page.getByRole('button', { name: 'Continue' }))).toBeVisible();
  if ((await shown.count()) > 0 && (await shown.textContent()) === url) return;
  if ((await shown.count()) > 0) await page.getByRole('button', { name: 'Change server' }).click();
  await page.getByRole('textbox', { name: 'Server' }).fill(url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(shown).toHaveText(url);
}

/**
 * Signs in through the sign-in screen and waits until the first sync has filled the queue; `keep` ticks "keep me
 * signed in on this device".
 */
export async function signIn(page: Page, url: string, email: string, { keep = false } = {}): Promise<void> {
  await page.goto(url);
  await chooseServer(page, url);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  if (keep) await page.getByRole('checkbox', { name: 'Keep me signed in on this device' }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
}

export async function newSignedInPage(
  browser: Browser,
  url: string,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, url, email);
  return { context, page };
}

/** The signed-in user's name, as the top bar shows it. */
export const myName = async (page: Page) => ((await page.getByTestId('user-menu').textContent()) ?? '').trim();

/** The ticket list (ARIA listbox) and its active row. */
export const ticketList = (page: Page) => page.getByRole('listbox').first();
export const activeRow = (page: Page) => page.locator('.ticket-row[data-active="true"]');

/** Puts focus on the list and waits until its rows are there and one is active. */
export async function focusList(page: Page): Promise<void> {
  await ticketList(page).focus();
  await expect(activeRow(page)).toHaveCount(1, { timeout: 30_000 });
}

/** Opens the command palette and waits for its field to have focus, as a person waits to see it before typing. */
export async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('textbox', { name: 'Command or ticket' })).toBeFocused();
}

/** Presses a key that opens a picker or a composer, and waits for its field to have focus before anyone types. */
export async function openField(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName ?? ''));
}

/**
 * A priority or queue change that breaches an SLA clock at once asks first (ConfirmBreach): confirms it with Enter if
 * it asked, and waits until `done` (what the change shows when made) is there either way.
 */
export async function confirmBreachIfAsked(page: Page, done: Locator): Promise<void> {
  const ask = page.getByRole('dialog', { name: 'Breach the SLA now?' });
  await expect(ask.or(done)).toBeVisible();
  if (await ask.isVisible()) await page.keyboard.press('Enter');
  await expect(done).toBeVisible();
}

/** Presses keys one after the other, as a person would. */
export async function keys(page: Page, ...sequence: string[]): Promise<void> {
  for (const key of sequence) await page.keyboard.press(key);
}

/** The server's copy of tickets, by the labels the list shows (e.g. INC-1042), in that order: what every workstation pulls. */
export async function ticketsOnServer(server: RunningServer, labels: string[]): Promise<Ticket[]> {
  const numbers = labels.map((l) => Number(l.replace(/^\D+/, '')));
  const { rows } = await server.db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE number = ANY($1)', [numbers]);
  return numbers.flatMap((n) => rows.filter((r) => r.doc.number === n).map((r) => r.doc));
}

/** Selects the active row and the next `more` rows with x and Shift+x, as a person would; returns their labels. */
export async function selectRows(page: Page, more: number): Promise<string[]> {
  const labels = [(await activeRow(page).locator('.num').textContent()) ?? ''];
  await keys(page, 'x');
  for (let i = 0; i < more; i++) {
    await keys(page, 'j');
    labels.push((await activeRow(page).locator('.num').textContent()) ?? '');
  }
  await keys(page, 'Shift+X');
  await expect(page.getByTestId('selection-count')).toHaveText(`${more + 1} selected`);
  return labels;
}

/** Opens a ticket by its number through the palette (Mod+K), as a person looking it up would. */
export async function openByLabel(page: Page, label: string): Promise<void> {
  await openPalette(page);
  await page.keyboard.type(label.replace(/^\D+/, ''));
  await expect(page.getByRole('dialog').getByRole('button').filter({ hasText: label })).toBeVisible();
  await keys(page, 'Enter');
}
