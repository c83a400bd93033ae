import { expect, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, openPalette, signIn } from './app-fixture';

const app = appServerPerFile();

test('the palette finds a ticket by its number and opens it', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'b');
  await focusList(page);
  await keys(page, 'j', 'j', 'j');
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  const title = (await activeRow(page).locator('.title').getAttribute('title')) ?? '';
  const number = label.replace(/^\D+/, '');
  await keys(page, 'g', 'm');
  await keys(page, 'Control+k');
  const search = page.getByRole('textbox', { name: 'Command or ticket' });
  await expect(search).toBeFocused();
  await page.keyboard.type(number);
  await expect(page.getByRole('dialog').getByRole('button').filter({ hasText: label })).toBeVisible({
    timeout: 20_000,
  });
  await keys(page, 'Enter');
  await expect(page.getByRole('region', { name: `Ticket ${label}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
});

test('the palette runs actions from the keymap', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await openPalette(page);
  await page.keyboard.type('Go to Breached');
  await keys(page, 'Enter');
  await expect(page.getByRole('heading', { name: /^Breached/ })).toBeVisible();
});

test('"service" runs Service Desk before Field Services, and "wifi" finds the Wi-Fi tickets', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const wifi = await app.server.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM tickets WHERE doc->>'title' ILIKE '%wi-fi%'",
  );
  expect(wifi.rows[0]?.n, 'the demo desk has Wi-Fi tickets').toBeGreaterThan(0);

  await openPalette(page);
  await page.keyboard.type('service');
  await keys(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Service Desk');

  await openPalette(page);
  await page.keyboard.type('wifi');
  const results = page.getByRole('dialog', { name: 'Command palette' });
  await expect(results.getByRole('button', { name: /Wi-Fi/ }).first()).toBeVisible({ timeout: 20_000 });
  await keys(page, 'Enter');
  await expect(page.getByRole('region', { name: /^Ticket / }).getByRole('heading', { level: 2 })).toContainText(
    'Wi-Fi',
  );
});

test('saved views and the tickets opened last are in the palette', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  // A saved view, kept where the sidebar lists them.
  await keys(page, 'g', 'b');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.keyboard.type('Overdue at once');
  await keys(page, 'Enter');
  await keys(page, 'g', 'm');
  await openPalette(page);
  await page.keyboard.type('overdue');
  await keys(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Overdue at once');

  // A ticket opened, then closed: the palette offers it first, before any typing.
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  await expect(page.getByRole('region', { name: `Ticket ${label}` })).toBeVisible();
  await keys(page, 'Escape', 'Escape');
  await expect(page.getByRole('region', { name: /^Ticket / })).toHaveCount(0);
  await openPalette(page);
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  const recent = dialog.getByRole('group', { name: 'Recent tickets' });
  await expect(recent.getByRole('button').filter({ hasText: label })).toBeVisible();
  await keys(page, 'Enter');
  await expect(page.getByRole('region', { name: `Ticket ${label}` })).toBeVisible();
});
