import { expect, type Page, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, signIn, ticketList } from './app-fixture';

/**
 * Issue 19, a 1024 × 768 window: the list beside an open ticket keeps titles readable, the sidebar hides and comes
 * back from the keyboard, the ? list scrolls to its last key, key hints keep to one line, and the view is called
 * the same in the sidebar and its heading.
 */
const app = appServerPerFile();
test.use({ viewport: { width: 1024, height: 768 } });

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const width = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().width);

test('beside an open ticket the list gives its titles room to be read; [ hides the sidebar for more', async ({
  page,
}) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await keys(page, 'Enter');
  await expect(page.getByRole('region', { name: /^Ticket / })).toBeVisible();
  await keys(page, 'Escape');
  await expect(ticketList(page)).toBeFocused();
  // About 30 characters of a title, not 12 ("Password reset…").
  expect(await width(page, '.ticket-row[data-active="true"] .title')).toBeGreaterThanOrEqual(200);

  // The sidebar's 220 px are shared between the list and the pane: the list grows enough to show who holds each ticket.
  const assignee = activeRow(page)
    .getByText(/Agent|Unassigned/)
    .first();
  await expect(assignee).toBeHidden();
  const before = await width(page, '.ticket-list');
  await keys(page, '[');
  await expect(views(page)).toHaveCount(0);
  await expect.poll(() => width(page, '.ticket-list')).toBeGreaterThan(before + 100);
  await expect(ticketList(page)).toBeFocused();
  await expect(assignee).toBeVisible();

  // Kept on this workstation, and back with the same key; from the sidebar itself focus goes to the list.
  await page.reload();
  await expect(ticketList(page)).toBeVisible({ timeout: 30_000 });
  await expect(views(page)).toHaveCount(0);
  await keys(page, '[');
  await expect(views(page)).toBeVisible();
  await views(page)
    .getByRole('button', { name: /^Unassigned/ })
    .focus();
  await keys(page, '[');
  await expect(views(page)).toHaveCount(0);
  await expect(ticketList(page)).toBeFocused();
  await keys(page, '[');
});

test('? scrolls to its last key in a small window, from the keyboard; key hints keep to one line', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await keys(page, '?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const last = help.getByRole('row').last();
  await expect(help.getByRole('row').first()).toBeInViewport({ ratio: 1 });
  await expect(last).not.toBeInViewport({ ratio: 1 });
  await keys(page, 'End');
  await expect(last).toBeInViewport({ ratio: 1 });
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport({ ratio: 1 });
  await keys(page, 'Escape');
  await expect(help).toHaveCount(0);
  await expect(ticketList(page)).toBeFocused();

  // In the pane's field labels ("Assignee Shift A") the hint is one line high.
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: /^Ticket / });
  await expect(pane).toBeVisible();
  const tall = await pane.locator('kbd.key').evaluateAll((hints) =>
    hints
      // One line of an 11 px hint is about 17 px high; two lines would be over 30.
      .filter((k) => k.getBoundingClientRect().height > parseFloat(getComputedStyle(k).fontSize) * 2.2)
      .map((k) => k.textContent),
  );
  expect(await pane.locator('kbd.key').count()).toBeGreaterThan(3);
  expect(tall).toEqual([]);
});

test('All open tickets is called the same in the sidebar and in its heading, and g a goes there', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await keys(page, 'g', 'a');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^All open tickets · \d/);
  await expect(views(page).getByRole('button', { name: /^All open tickets/ })).toHaveAttribute('aria-current', 'page');
});
