/**
 * Screenshots of the agent workspace for the README: starts the server with the demo desk (in-memory database) serving
 * the web build, signs in as the supervisor in Chromium at 1440×900, and writes
 * docs/screenshots/{queue,detail,palette,workload,sync,narrow,small,keys-small,saved-views,conflict,undo,server-down}-
 * {light,dark}.png (narrow: a 1024 px window in split view, the filter bar on one line with its filters behind the
 * Filters button, a tag chosen there and the view being saved; small: 1024 × 768 with the sidebar hidden by [ beside
 * an open ticket; keys-small: the ? list there; saved-views: three views saved from the keyboard, the first opened with
 * g 1; sync: offline with no network; conflict: back online after a second workstation changed the same ticket, the
 * top bar counting it, the toast and the pane's banner; undo: the toast after an action; server-down: the top bar with
 * the network up and the server refusing connections).
 *
 *   npx vite build --config vite.web.config.ts && npx tsx scripts/screenshots.ts
 *
 * SCREENSHOTS_WEB_ROOT: another web build to photograph (dist/web by default).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../server/app';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function press(page: Page, ...keys: string[]) {
  for (const key of keys) await page.keyboard.press(key);
}

/** Presses a key that opens a picker, and waits for its field to have focus before typing into it. */
async function pick(page: Page, key: string, text: string) {
  await page.keyboard.press(key);
  // Locators, not waitForFunction strings: a string is eval'd in the page, which the app's CSP (no unsafe-eval) refuses.
  await page.locator('input:focus').waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.locator('input:focus').waitFor({ state: 'detached' });
}

/** Opens a ticket by its number through the palette (clicking the result) and waits for its pane. */
async function openByLabel(page: Page, label: string) {
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Command or ticket' }).waitFor();
  await page.keyboard.type(label.replace(/^\D+/, ''));
  await page.getByRole('dialog').getByRole('button').filter({ hasText: label }).click();
  await page.getByRole('region', { name: `Ticket ${label}` }).waitFor();
  await page.getByRole('textbox', { name: 'Command or ticket' }).waitFor({ state: 'detached' });
}

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Email' }).fill('supervisor@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('sync-indicator').and(page.locator('[data-state="online"]')).waitFor({ timeout: 60_000 });
  await page.getByTestId('sync-indicator').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 120_000 });
  await page.getByTestId('pending-count').filter({ hasText: 'All changes sent' }).waitFor({ timeout: 60_000 });
}

async function focusList(page: Page) {
  await page.locator('.ticket-list[role="listbox"]').focus();
  await page.locator('.ticket-row[data-active="true"]').waitFor({ timeout: 60_000 });
}

const SAVED_VIEWS = [
  ['u', 'vpn', 'Unassigned VPN'],
  ['b', '', 'Breached, by priority'],
  ['m', 'printer', 'My printers'],
] as const;

/** Lets the countdowns tick and fonts settle so the picture is what a person sees. */
const settle = (page: Page) => page.waitForTimeout(700);

async function main() {
  await mkdir(OUT, { recursive: true });
  const server = await startServer({
    port: 0,
    demo: true,
    webRoot: process.env.SCREENSHOTS_WEB_ROOT ?? resolve(import.meta.dirname, '../dist/web'),
    logger: false,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, server.url);
      const shot = async (name: string) => {
        await settle(page);
        await page.screenshot({ path: `${OUT}/${name}-${scheme}.png` });
      };

      await press(page, 'g', 'u');
      await focusList(page);
      // Three tickets selected with Shift+↓ for the bulk bar; the cursor then moves on.
      await press(page, 'j', 'j', 'Shift+ArrowDown', 'Shift+ArrowDown', 'j');
      await shot('queue');

      await press(page, 'Escape', 'g', 'b');
      await focusList(page);
      await press(page, 'j', 'Enter');
      await page.getByRole('region', { name: /^Ticket / }).waitFor();
      await press(page, 'n');
      await page.keyboard.type(
        scheme === 'light'
          ? 'Called the user: the dock works on the second port. Ordering a replacement.'
          : 'Replacement dock ordered, delivery tomorrow morning.',
      );
      await press(page, 'Control+Enter');
      await page.getByRole('textbox', { name: /Internal note/ }).waitFor({ state: 'detached' });
      await page
        .getByRole('region', { name: /^Ticket / })
        .evaluate((el) => el.closest('.mantine-ScrollArea-viewport')?.scrollTo(0, 0));
      await shot('detail');
      await press(page, 'Escape');

      // The palette ranks a queue, tickets and commands together; "network" is a queue's name before a title's word.
      await press(page, 'Control+k');
      await page.keyboard.type('network');
      await page.getByRole('dialog').getByRole('group', { name: 'Tickets' }).waitFor();
      await shot('palette');
      await press(page, 'Escape');
      await page.getByRole('textbox', { name: 'Command or ticket' }).waitFor({ state: 'detached' });

      await press(page, 'g', 'w');
      await page.getByRole('heading', { name: 'Workload', level: 1 }).waitFor();
      await shot('workload');

      // A small window in split view: the filters wait behind one button; a tag picked there, the view named in place.
      await page.setViewportSize({ width: 1024, height: 720 });
      await press(page, 'g', 'u');
      await focusList(page);
      await press(page, 'Enter');
      await page.getByRole('region', { name: /^Ticket / }).waitFor();
      // SLA escalation toasts (the supervisor gets them) would cover the pane in the small window.
      for (const close of await page.locator('.mantine-Notification-root button').all()) await close.click();
      await page.getByRole('button', { name: /^Filters/ }).click();
      const tag = page.getByRole('combobox', { name: 'Tag' });
      await tag.click();
      await page
        .locator(`#${await tag.getAttribute('aria-controls')}`)
        .getByRole('option')
        .first()
        .click();
      await page.getByRole('button', { name: 'Save view' }).click();
      await page.keyboard.type('VIP unassigned');
      await shot('narrow');
      await press(page, 'Escape');
      await focusList(page);
      await press(page, 'Escape');
      await page.getByRole('region', { name: /^Ticket / }).waitFor({ state: 'detached' });

      // 1024 × 768: the sidebar hidden with [ so the list beside a ticket shows who holds each one; then the ? list,
      // which scrolls under its title in a window this short.
      await page.setViewportSize({ width: 1024, height: 768 });
      await press(page, 'g', 'a');
      await focusList(page);
      await press(page, 'Enter');
      await page.getByRole('region', { name: /^Ticket / }).waitFor();
      await press(page, '[');
      await page.getByRole('navigation', { name: 'Views' }).waitFor({ state: 'detached' });
      await shot('small');
      await press(page, '?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shot('keys-small');
      await press(page, 'Escape', '[');
      await page.getByRole('navigation', { name: 'Views' }).waitFor();
      await focusList(page);
      await press(page, 'Escape');
      await page.getByRole('region', { name: /^Ticket / }).waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 1440, height: 900 });

      // A field technician's afternoon: offline, two tickets changed, the work waits safely on the device.
      await press(page, 'g', 'b');
      await focusList(page);
      await context.setOffline(true);
      await press(page, 'a', 'j', 'j', 'a');
      await press(page, 'g', 'y');
      await page.getByTestId('sync-summary').waitFor();
      await shot('sync');
      await press(page, 'Escape');
      await context.setOffline(false);
      await page.getByTestId('pending-count').filter({ hasText: 'All changes sent' }).waitFor({ timeout: 60_000 });

      // Saved views, made from the keyboard: a view, a search, Shift+S and a name; g 1 … g 9 open them. The
      // dark pass finds those the light one saved: the same user's views, from the server.
      await press(page, 'Escape');
      const views = scheme === 'light' ? SAVED_VIEWS : [];
      for (const [view, text, name] of views) {
        await press(page, 'g', view, '/');
        await page.keyboard.type(text);
        await press(page, 'Enter', 'Shift+S');
        await page.getByRole('textbox', { name: 'Name of the saved view' }).waitFor();
        await page.keyboard.type(name);
        await press(page, 'Enter');
        await page.getByRole('textbox', { name: 'Name of the saved view' }).waitFor({ state: 'detached' });
      }
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: /^My printers/ })
        .waitFor();
      await press(page, 'g', '1');
      await focusList(page);
      await shot('saved-views');

      // Offline again, a priority and an assignee changed; another workstation changes both first. Service Desk:
      // both Priya and Lena work it, so either may hold its tickets.
      await press(page, 'g', 'q');
      await page.keyboard.type(' Service Desk');
      await page.getByRole('dialog').getByRole('button').first().filter({ hasText: 'Service Desk' }).waitFor();
      await press(page, 'Enter');
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Service Desk' }).waitFor();
      await focusList(page);
      const label = (await page.locator('.ticket-row[data-active="true"] .num').textContent()) ?? '';
      // Values that differ from the ticket's and from each other, so both changes conflict whatever it holds now.
      const { rows } = await server.db.query<{ doc: { priority: string; assigneeId: string } }>(
        'SELECT doc FROM tickets WHERE number = $1',
        [Number(label.replace(/^\D+/, ''))],
      );
      const now = rows[0]?.doc;
      if (!now) throw new Error(`${label} is not on the server`);
      const myChange = {
        priority: now.priority === 'P1' ? 'P2' : 'P1',
        assignee: now.assigneeId === 'u-priya' ? 'Alex' : 'Priya',
      };
      const theirChange = {
        priority: now.priority === 'P4' ? 'P3' : 'P4',
        assignee: now.assigneeId === 'u-lena' ? 'Alex' : 'Lena',
      };
      await context.setOffline(true);
      await pick(page, 'p', myChange.priority);
      // Raising an older ticket to P1 may breach a clock at once: the workstation asks first, Enter confirms.
      const breach = page.getByRole('dialog', { name: 'Breach the SLA now?' });
      const asked = await breach.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      );
      if (asked) {
        await press(page, 'Enter');
        await breach.waitFor({ state: 'detached' });
      }
      await pick(page, 'Shift+A', myChange.assignee);
      const other = await context.browser()?.newContext({ viewport: { width: 1440, height: 900 } });
      const theirs = await other?.newPage();
      if (!other || !theirs) throw new Error('no second workstation');
      await signIn(theirs, server.url);
      await openByLabel(theirs, label);
      await theirs.getByRole('region', { name: `Ticket ${label}` }).focus();
      await pick(theirs, 'p', theirChange.priority);
      await pick(theirs, 'Shift+A', theirChange.assignee);
      await theirs
        .getByRole('button', { name: 'Assignee: change' })
        .filter({ hasText: theirChange.assignee })
        .waitFor({ timeout: 30_000 });
      await theirs.getByTestId('pending-count').filter({ hasText: 'All changes sent' }).waitFor({ timeout: 60_000 });
      await other.close();
      await context.setOffline(false);
      await page.getByTestId('conflict-count').waitFor({ timeout: 60_000 });
      await openByLabel(page, label);
      await page.getByTestId('pane-conflict').first().waitFor();
      await shot('conflict');
      const conflicts = page.getByTestId('pane-conflict');
      for (let left = await conflicts.count(); left > 0; left--) {
        await conflicts.first().getByRole('button', { name: 'Keep theirs' }).click();
        await conflicts.nth(left - 1).waitFor({ state: 'detached' });
      }
      await press(page, 'Escape');

      await press(page, 'g', 'u');
      await focusList(page);
      await press(page, 'a');
      await page.getByTestId('toast').filter({ hasText: 'assignee' }).waitFor();
      await shot('undo');
      await press(page, 'Control+z');

      // The network is up; the server refuses connections.
      await page.route('**/api/**', (route) => route.abort('connectionrefused'));
      await press(page, 'a');
      await page.getByTestId('connection-state').filter({ hasText: 'Server unreachable' }).waitFor({ timeout: 60_000 });
      await shot('server-down');
      await page.unroute('**/api/**');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`screenshots written to ${OUT}`);
}

await main();
