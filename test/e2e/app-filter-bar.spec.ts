import { expect, type Page, test } from '@playwright/test';
import { appServerPerFile, focusList, keys, signIn } from './app-fixture';

const app = appServerPerFile();

/**
 * How many lines the filter bar's parts take: 1 when the distance from the highest top to the lowest bottom is no
 * more than the tallest part. Polled, as a resize reaches the bar in the next frame.
 */
async function expectOneLine(page: Page, what: string) {
  await expect
    .poll(
      () =>
        page.locator('.filter-bar').evaluate((bar) => {
          // Pickers keep a hidden input beside them: only what is drawn counts.
          const boxes = [...bar.children].map((c) => c.getBoundingClientRect()).filter((b) => b.width > 0);
          const spread = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
          return boxes.length >= 3 && spread <= Math.max(...boxes.map((b) => b.height)) ? 1 : spread;
        }),
      what,
    )
    .toBe(1);
}

const openSplit = async (page: Page) => {
  await focusList(page);
  await keys(page, 'Enter');
  await expect(page.getByRole('region', { name: /^Ticket / })).toBeVisible();
};

test('in split view the filter bar keeps one line from 1024 px up; what does not fit is behind Filters, named', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await signIn(page, app.url, 'supervisor@demo.local');
  // The longest built-in title with the largest count.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^All open tickets/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/All open tickets · \d/);
  await openSplit(page);

  for (const width of [1024, 1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 720 });
    await expectOneLine(page, `filter bar at ${width} px in split view`);
  }

  // At 1024 px every filter is behind the one button; set one there and the button counts and names it.
  await page.setViewportSize({ width: 1024, height: 720 });
  const filters = page.getByRole('button', { name: /^Filters/ });
  await expect(page.getByRole('combobox', { name: 'Priority' })).toHaveCount(0);
  await filters.click();
  await page.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'P1 Critical' }).click();
  await keys(page, 'Escape');
  await expect(page.getByRole('combobox', { name: 'Priority' })).toHaveCount(0);
  await expect(filters).toHaveAccessibleName('Filters: Priority: P1 Critical');
  await expect(filters).toContainText('1');
  await expect(filters).toBeFocused();
  await expectOneLine(page, 'filter bar with a filter set behind Filters');

  // Saving the view from the menu names it in place; the menu closes and the list has focus.
  await filters.click();
  await page
    .getByRole('dialog', { name: /^Filters/ })
    .getByRole('button', { name: 'Save view' })
    .click();
  await page.getByRole('textbox', { name: 'Name of the saved view' }).fill('Critical');
  await keys(page, 'Enter');
  await expect(page.getByRole('dialog', { name: /^Filters/ })).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Critical/ }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('listbox').first()).toBeFocused();

  // A wide list without the detail pane has room for all of them again, set as they were.
  await page.setViewportSize({ width: 1920, height: 720 });
  await focusList(page);
  await keys(page, 'Escape');
  await expect(page.getByRole('region', { name: /^Ticket / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Filters|More)/ })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Priority' })).toHaveValue('P1 Critical');
  await expect(page.getByRole('button', { name: 'Save view' })).toBeVisible();
});
