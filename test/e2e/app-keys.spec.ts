import { expect, type Page, test } from '@playwright/test';
import { bindingFor, formatKeys, type KeyAction } from '../../shared/keymap';
import { activeRow, appServerPerFile, focusList, keys, signIn } from './app-fixture';

const app = appServerPerFile();

/** The `?` overlay's row for an action names its key; pressing that key (as the overlay writes it) runs it. */
async function pressAsListed(page: Page, action: KeyAction): Promise<void> {
  const { label, keys: bound } = bindingFor(action);
  const key = bound.find((k) => /^[a-z]( [a-z])?$/.test(k)) ?? '';
  await keys(page, '?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const row = overlay.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await expect(row).toContainText(formatKeys(key, false));
  await keys(page, 'Escape');
  await expect(overlay).toHaveCount(0);
  await keys(page, ...key.split(' '));
}

test('o, p, m, c, g q and g m do what the ? overlay says', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';

  await pressAsListed(page, 'list.open');
  await expect(page.getByRole('region', { name: `Ticket ${label}` })).toBeVisible();

  // p and m open their pickers for the open ticket; Esc closes them without a change.
  await pressAsListed(page, 'ticket.priority');
  await expect(page.getByRole('dialog', { name: 'Set priority' })).toBeVisible();
  await keys(page, 'Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await pressAsListed(page, 'ticket.moveQueue');
  await expect(page.getByRole('dialog', { name: 'Move to queue' })).toBeVisible();
  await keys(page, 'Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await pressAsListed(page, 'ticket.create');
  await expect(page.getByRole('dialog', { name: 'Create ticket' })).toBeVisible();
  await keys(page, 'Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // g q: the palette, narrowed to the queues; Enter on one shows it.
  await pressAsListed(page, 'view.queues');
  await expect(page.getByRole('textbox', { name: 'Command or ticket' })).toHaveValue('Go to queue');
  await page.keyboard.type(' Network');
  await keys(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Network');

  await pressAsListed(page, 'view.mine');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('My open tickets');
});

test('after End in a long list, the same view chosen again and a search both start at their first row', async ({
  page,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const allOpen = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^All open tickets/ });
  await allOpen.click();
  await focusList(page);
  const firstLabel = (await activeRow(page).locator('.num').textContent()) ?? '';
  // Scrolled a little first: End then moves to a row whose page is not read yet, and must keep that place.
  await keys(page, ...Array<string>(25).fill('j'));
  await keys(page, 'End');
  await expect(activeRow(page)).toBeInViewport();
  await expect(activeRow(page).locator('.num')).not.toHaveText(firstLabel);

  // The same view again: its first row is active and on screen (the list had been scrolled to its end).
  await allOpen.click();
  await focusList(page);
  await expect(activeRow(page).locator('.num')).toHaveText(firstLabel);
  await expect(activeRow(page)).toBeInViewport();

  // Far down again, then a search: its matches are shown from the first, which is active.
  await keys(page, 'End');
  await keys(page, '/');
  await page.keyboard.type('password');
  await keys(page, 'Enter');
  await expect(activeRow(page).locator('.title')).toContainText(/password/i, { timeout: 20_000 });
  await expect(activeRow(page)).toBeInViewport();
  const titles = await page.locator('.ticket-row .title').allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title.toLowerCase()).toContain('password');
});
