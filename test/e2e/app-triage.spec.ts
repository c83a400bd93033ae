import { expect, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, myName, openField, signIn, ticketList } from './app-fixture';

const app = appServerPerFile();

test('an agent triages a queue with the keyboard only', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  // g u: Unassigned. The list takes focus and the first ticket is active.
  await keys(page, 'g', 'u');
  await expect(page.getByRole('heading', { name: /Unassigned/ })).toBeVisible();
  await focusList(page);
  const firstLabel = await activeRow(page).locator('.num').textContent();
  await keys(page, 'j');
  const secondLabel = await activeRow(page).locator('.num').textContent();
  expect(secondLabel).not.toBe(firstLabel);
  await keys(page, 'k', 'j');
  await expect(activeRow(page).locator('.num')).toHaveText(secondLabel ?? '');

  // Enter opens the ticket beside the list; focus moves into it.
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${secondLabel}` });
  await expect(pane).toBeVisible();

  // a: assign to me.
  await keys(page, 'a');
  await expect(pane.getByRole('button', { name: 'Assignee: change' })).toContainText(await myName(page));

  // s: set status through the picker, typed and confirmed with Enter.
  await openField(page, 's');
  await page.keyboard.type('Open');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('Open');

  // r: reply, Ctrl+Enter sends.
  await openField(page, 'r');
  await page.keyboard.type('I am on it: the port was reset, please try again.');
  await keys(page, 'Control+Enter');
  await expect(page.getByRole('textbox', { name: /Reply to requester|Internal note/ })).toHaveCount(0);
  await expect(pane.getByRole('list', { name: 'Conversation' })).toContainText('I am on it: the port was reset');
  await expect(pane.getByRole('list', { name: 'Conversation' })).toContainText('Public reply');

  // s → Resolved, then s → Closed.
  await openField(page, 's');
  await page.keyboard.type('Resolved');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('Resolved');
  await openField(page, 's');
  await page.keyboard.type('Closed');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('Closed');

  // Everything reached the server.
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });

  // Esc returns to the list with focus on it.
  await keys(page, 'Escape');
  await expect(ticketList(page)).toBeFocused();
});

test('keys typed before a just-opened composer has focus go into it, not to the list shortcuts', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const active = await activeRow(page).locator('.num').textContent();
  await keys(page, 'Enter');
  // n, then "sat" in the same instant (dispatched in one go, before the app renders): without the type-ahead, s
  // would open the status picker and a would assign the ticket.
  await page.evaluate(() => {
    const target = document.activeElement ?? document.body;
    for (const key of ['n', 's', 'a', 't']) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  });
  await expect(page.getByRole('textbox', { name: 'Internal note' })).toHaveValue('sat');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const pane = page.getByRole('region', { name: `Ticket ${active?.trim()}` });
  await expect(pane.getByRole('button', { name: 'Assignee: change' })).toHaveText('Unassigned');
});

test('? lists every key from the shared keymap', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await keys(page, '?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Assign to me');
  await expect(dialog).toContainText('Go to Breached');
  await expect(dialog).toContainText('Command palette');
  await keys(page, 'Escape');
  await expect(dialog).toHaveCount(0);
  await expect(ticketList(page)).toBeFocused();
});

test('the list filters by a tag chosen from the tags in use, and the view is saved in place', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^All open tickets/ })
    .click();
  const tagBox = page.getByRole('combobox', { name: 'Tag' });
  await tagBox.click();
  await expect(tagBox).toHaveAttribute('aria-expanded', 'true');
  const suggestion = page
    .locator(`#${await tagBox.getAttribute('aria-controls')}`)
    .getByRole('option')
    .first();
  await expect(suggestion).toBeVisible();
  const tag = ((await suggestion.textContent()) ?? '').trim();
  await suggestion.click();
  await expect(page.getByRole('combobox', { name: 'Tag' })).toHaveValue(tag);

  // Every row now carries the tag: the first one says so when opened.
  await focusList(page);
  await keys(page, 'Enter');
  await expect(page.getByRole('button', { name: 'Tags: change' })).toContainText(tag);
  // Esc back to the list, Esc again closes the pane: the list has the width for every control on its filter bar.
  await keys(page, 'Escape', 'Escape');
  await expect(page.getByRole('region', { name: /^Ticket / })).toHaveCount(0);

  // Save view asks for a name right there, in a small popover under the button.
  await page.getByRole('button', { name: 'Save view' }).click();
  const name = page.getByRole('textbox', { name: 'Name of the saved view' });
  await expect(name).toBeFocused();
  await page.keyboard.type('Tagged');
  await keys(page, 'Enter');
  await expect(name).toHaveCount(0);
  const saved = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Tagged/ });
  await expect(saved).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('announcer')).toHaveText('Saved view “Tagged”');

  // Another view clears the filter; the saved one brings it back.
  await keys(page, 'g', 'u');
  await expect(page.getByRole('combobox', { name: 'Tag' })).toHaveValue('');
  await saved.click();
  await expect(page.getByRole('combobox', { name: 'Tag' })).toHaveValue(tag);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tagged');
});
