import { expect, type Page, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, signIn } from './app-fixture';

const app = appServerPerFile();

const rows = (page: Page) => page.locator('.ticket-row:not(.dim)');
/** The numbers of the rows marked selected, in list order. */
const selectedRows = (page: Page) => page.locator('.ticket-row[aria-selected="true"] .num').allTextContents();
const rowLabels = async (page: Page, from: number, to: number) =>
  (await rows(page).locator('.num').allTextContents()).slice(from, to + 1);

/** The supervisor's All open tickets, a long list, with focus on it. */
async function allOpenTickets(page: Page): Promise<void> {
  await signIn(page, app.url, 'supervisor@demo.local');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^All open tickets/ })
    .click();
  await focusList(page);
}

test('Shift+↓/↑ and Shift+j extend the selection from the anchor, and shrink it back', async ({ page }) => {
  await allOpenTickets(page);
  const first = await rowLabels(page, 0, 3);

  await keys(page, 'Shift+ArrowDown', 'Shift+ArrowDown');
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  expect(await selectedRows(page)).toEqual(first.slice(0, 3));
  await expect(activeRow(page).locator('.num')).toHaveText(first[2] ?? '');

  await keys(page, 'Shift+ArrowUp');
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
  expect(await selectedRows(page)).toEqual(first.slice(0, 2));

  await keys(page, 'Shift+J', 'Shift+J');
  await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
  expect(await selectedRows(page)).toEqual(first);

  // The keys act on the selection: Esc clears it.
  await keys(page, 'Escape');
  await expect(page.getByTestId('selection-count')).toHaveCount(0);
});

test('Shift+click selects every row from the active one to the one clicked', async ({ page }) => {
  await allOpenTickets(page);
  const labels = await rowLabels(page, 0, 9);
  await rows(page).nth(3).click();
  await rows(page)
    .nth(6)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
  expect(await selectedRows(page)).toEqual(labels.slice(3, 7));
  // No text was selected along the way, and the list kept the focus.
  expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
  await expect(page.getByRole('listbox').first()).toBeFocused();
  // Shift+click above the anchor: the range is anchor to there, the rest of the earlier range falls away.
  await rows(page)
    .nth(1)
    .click({ modifiers: ['Shift'] });
  expect(await selectedRows(page)).toEqual(labels.slice(1, 4));
});
