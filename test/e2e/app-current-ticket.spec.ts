import { expect, type Page, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, newSignedInPage, openField } from './app-fixture';

const app = appServerPerFile();

const conversationOf = (page: Page, label: string | RegExp) =>
  page.getByRole('region', { name: typeof label === 'string' ? `Ticket ${label}` : label }).getByRole('list', {
    name: 'Conversation',
  });

/** c, a title, a requester, Enter: the new ticket is shown in the pane beside the list. */
async function createTicket(page: Page, title: string): Promise<void> {
  await openField(page, 'c');
  await page.keyboard.type(title);
  await keys(page, 'Tab');
  await page.keyboard.type('Rita');
  await expect(page.getByRole('option', { name: /Rita Requester \(requester@demo\.local\)/ })).toBeVisible();
  await keys(page, 'ArrowDown', 'Enter', 'Shift+Tab', 'Enter');
  await expect(page.getByRole('dialog', { name: 'Create ticket' })).toHaveCount(0);
}

test('after Create ticket, n, s and r act on the new ticket shown in the pane, not on the list row (offline)', async ({
  browser,
}) => {
  const { page, context } = await newSignedInPage(browser, app.url, 'technician@demo.local');
  await focusList(page);
  await keys(page, 'j');
  const listed = (await activeRow(page).locator('.num').textContent()) ?? '';
  await context.setOffline(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });

  await createTicket(page, 'Badge reader at the side door is dead');
  const pane = page.getByRole('region', { name: /^Ticket INC-new·/ });
  await expect(pane.getByRole('heading', { name: 'Badge reader at the side door is dead' })).toBeVisible();
  // The list keeps its own row highlighted: that row is not what the keys act on while the pane shows another one.
  await expect(activeRow(page).locator('.num')).toHaveText(listed);

  await openField(page, 'n');
  await page.keyboard.type('Reader replaced; door tested with two badges.');
  await keys(page, 'Control+Enter');
  await expect(conversationOf(page, /^Ticket INC-new·/)).toContainText('Reader replaced');

  await openField(page, 's');
  await page.keyboard.type('On hold');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('On hold');

  await openField(page, 'r');
  await expect(pane.getByRole('textbox', { name: 'Reply to requester' })).toBeFocused();
  await keys(page, 'Escape');

  // The ticket highlighted in the list got nothing.
  await focusList(page);
  await expect(activeRow(page).locator('.num')).toHaveText(listed);
  await keys(page, 'Enter');
  const other = page.getByRole('region', { name: `Ticket ${listed}` });
  await expect(other).toBeVisible();
  await expect(conversationOf(page, listed)).not.toContainText('Reader replaced');
  await context.close();
});
