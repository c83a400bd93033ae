import { expect, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, signIn } from './app-fixture';

const app = appServerPerFile();

const views = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Views' });
const openPane = (page: import('@playwright/test').Page) => page.getByRole('region', { name: /^Ticket / });

test('Enter on a focused sidebar view shows that view and opens no ticket', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await views(page)
    .getByRole('button', { name: /^Unassigned/ })
    .focus();
  await keys(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Unassigned');
  await expect(openPane(page)).toHaveCount(0);
});

test('Enter on Reply, Save view and Distribute unassigned… does what the button says', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  await expect(pane).toBeVisible();

  // Reply: the composer opens in the split view (Enter in the pane would have switched to the full view).
  await pane.getByRole('button', { name: /^Reply/ }).focus();
  await keys(page, 'Enter');
  await expect(pane.getByRole('textbox', { name: 'Reply to requester' })).toBeFocused();
  await expect(pane.getByRole('button', { name: 'Full view' })).toBeVisible();
  // Esc closes the composer, Esc again goes back to the list, and once more closes the ticket.
  await keys(page, 'Escape', 'Escape', 'Escape');

  // Save view: its name field, not a ticket.
  await expect(openPane(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save view' }).focus();
  await keys(page, 'Enter');
  await expect(page.getByRole('textbox', { name: 'Name of the saved view' })).toBeFocused();
  await keys(page, 'Escape');
  await expect(openPane(page)).toHaveCount(0);

  // Distribute unassigned…: its dialog, and the Workload stays on screen.
  await keys(page, 'g', 'w');
  await expect(page.getByRole('heading', { name: 'Workload' })).toBeVisible();
  const distribute = page.getByRole('button', { name: 'Distribute unassigned…' }).first();
  await expect(distribute).toBeEnabled({ timeout: 20_000 });
  await distribute.focus();
  await keys(page, 'Enter');
  await expect(page.getByRole('dialog', { name: /^Distribute unassigned tickets/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Workload' })).toBeVisible();
});
