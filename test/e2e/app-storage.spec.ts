import { expect, test } from '@playwright/test';
import { activeRow, appServerPerFile, chooseServer, DEMO_PASSWORD, focusList, keys, openField } from './app-fixture';

const app = appServerPerFile();

/** Room for the reference data and some tickets, not for the whole desk with its comments. */
const QUOTA_BYTES = 1_000_000;

test('a full disk is reported in the sync status, and an edit it cannot save is kept in its field with the reason', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(app.url).origin, quotaSize: QUOTA_BYTES });

  await page.goto(app.url);
  await chooseServer(page, app.url);
  await page.getByRole('textbox', { name: 'Email' }).fill('supervisor@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-storage', 'full', { timeout: 60_000 });
  await expect(indicator).toContainText('Storage full');

  // The sync panel says what happened, that nothing made here is lost, and what to do.
  await keys(page, 'g', 'y');
  const problem = page.getByTestId('storage-problem');
  await expect(problem).toContainText("This computer's storage is full");
  await expect(problem).toContainText('Free some disk space');
  await expect(problem.getByRole('button', { name: 'Restart workstation' })).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('Download incomplete');
  await expect(page.getByRole('dialog')).not.toContainText('Synced just now');
  await keys(page, 'Escape');

  // A note on a ticket that did arrive cannot be written either: the reason is shown and the text stays.
  await keys(page, 'g', 'u');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  await openField(page, 'n');
  const note = 'Checked the cabling on site.';
  await page.keyboard.type(note);
  await keys(page, 'Control+Enter');
  await expect(pane).toContainText('storage is full: the change was not saved');
  await expect(page.getByRole('textbox', { name: /Internal note|Reply to requester/ })).toHaveValue(note);

  await context.close();
});
