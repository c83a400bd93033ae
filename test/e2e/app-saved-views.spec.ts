import { expect, type Page, test } from '@playwright/test';
import { appServerPerFile, focusList, keys, newSignedInPage, signIn } from './app-fixture';

const app = appServerPerFile();

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const savedLink = (page: Page, name: string) => views(page).getByRole('button', { name: new RegExp(`^${name}`) });
const title = (page: Page) => page.getByRole('heading', { level: 1 });
const search = (page: Page) => page.getByRole('textbox', { name: 'Search tickets' });

/** Keyboard only: a view (g and its key), a search (/), Shift+S, a name, Enter. */
async function saveViewByKeyboard(page: Page, view: string, text: string, name: string): Promise<void> {
  await keys(page, 'g', view, '/');
  await expect(search(page)).toBeFocused();
  await page.keyboard.type(text);
  await keys(page, 'Enter');
  await expect(search(page)).toHaveValue(text);
  await keys(page, 'Shift+S');
  const field = page.getByRole('textbox', { name: 'Name of the saved view' });
  await expect(field).toBeFocused();
  await page.keyboard.type(name);
  await keys(page, 'Enter');
  await expect(field).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toHaveText(`Saved view “${name}”`);
  // Back on the list, ready for the next key.
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ticket-list'))).toBe(true);
  await expect(savedLink(page, name)).toHaveAttribute('aria-current', 'page');
}

test('a view saved on one workstation opens on the same user’s second one with g 1, keyboard only; offline too', async ({
  browser,
}) => {
  const one = await newSignedInPage(browser, app.url, 'agent@demo.local');
  const two = await newSignedInPage(browser, app.url, 'agent@demo.local');

  await focusList(one.page);
  await saveViewByKeyboard(one.page, 'a', 'wi-fi', 'Desk Wi-Fi');
  await expect(one.page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });

  // The second workstation lists it (the server tells it at once) and opens it with g 1, filters and all.
  await expect(savedLink(two.page, 'Desk Wi-Fi')).toBeVisible({ timeout: 30_000 });
  await focusList(two.page);
  await keys(two.page, 'g', '1');
  await expect(title(two.page)).toContainText('Desk Wi-Fi');
  await expect(search(two.page)).toHaveValue('wi-fi');
  await expect(savedLink(two.page, 'Desk Wi-Fi')).toHaveAttribute('aria-current', 'page');

  // ? lists the keys; the palette lists the view by name.
  await keys(two.page, '?');
  const help = two.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Go to saved view 1–9');
  await expect(help).toContainText('Save this view…');
  await keys(two.page, 'Escape');
  await keys(two.page, 'g', 'm', 'Control+k');
  await two.page.keyboard.type('saved view desk');
  await expect(two.page.getByRole('dialog').getByRole('button', { name: /Go to saved view Desk Wi-Fi/ })).toBeVisible();
  await keys(two.page, 'Enter');
  await expect(title(two.page)).toContainText('Desk Wi-Fi');

  // Saved offline: kept on the device, sent when back online, then on the other workstation as view 2.
  await one.context.setOffline(true);
  await expect(one.page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });
  await saveViewByKeyboard(one.page, 'b', 'vpn', 'VPN breached');
  await expect(one.page.getByTestId('pending-count')).toHaveText('1 pending');
  await one.context.setOffline(false);
  await expect(one.page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  await expect(savedLink(two.page, 'VPN breached')).toBeVisible({ timeout: 30_000 });
  await focusList(two.page);
  await keys(two.page, 'g', '2');
  await expect(title(two.page)).toContainText('VPN breached');
  await expect(search(two.page)).toHaveValue('vpn');

  // Renamed on the second workstation: the first follows.
  await views(two.page).getByRole('button', { name: 'Rename or delete saved view Desk Wi-Fi' }).click();
  await two.page.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = two.page.getByRole('textbox', { name: 'New name for saved view Desk Wi-Fi' });
  await expect(rename).toBeFocused();
  await rename.fill('Wi-Fi in all rooms');
  await keys(two.page, 'Enter');
  await expect(savedLink(one.page, 'Wi-Fi in all rooms')).toBeVisible({ timeout: 30_000 });

  await one.context.close();
  await two.context.close();
});

test('saved views belong to who made them: the next person signing in on this browser does not see them', async ({
  page,
}) => {
  await signIn(page, app.url, 'agent@demo.local');
  await views(page)
    .getByRole('button', { name: /^All open tickets/ })
    .click();
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'Name of the saved view' }).fill('Only mine');
  await keys(page, 'Enter');
  await expect(savedLink(page, 'Only mine')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();

  // Someone else signs in on the same browser: their own views, their own start.
  await signIn(page, app.url, 'priya.shah@demo.local');
  await expect(views(page).getByRole('button', { name: /^My open tickets/ })).toHaveAttribute('aria-current', 'page');
  await expect(savedLink(page, 'Only mine')).toHaveCount(0);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();

  // The agent finds the view again, from the server.
  await signIn(page, app.url, 'agent@demo.local');
  await expect(savedLink(page, 'Only mine')).toBeVisible({ timeout: 30_000 });
});
