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
