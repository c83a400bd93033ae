import { expect, type Page, test } from '@playwright/test';
import { appServerPerFile, keys, signIn, ticketList } from './app-fixture';

const app = appServerPerFile();

const dialog = (page: Page) => page.getByRole('dialog');

test('focus is on the list after sign-in, and back on it after every dialog', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  // No click and no Tab: the first key already acts on the list.
  await expect(ticketList(page)).toBeFocused();
  for (const opener of [['?'], ['Control+k'], ['s'], ['p'], ['m'], ['Shift+A'], ['t'], ['c'], ['g', 'y']]) {
    await keys(page, ...opener);
    await expect(dialog(page).first(), `${opener.join(' ')} opens a dialog`).toBeVisible();
    await keys(page, 'Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(ticketList(page), `after ${opener.join(' ')} and Esc`).toBeFocused();
  }
});

test('after a dialog opened from the ticket pane, focus is back in the pane; after the workload’s, on the workload', async ({
  page,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await expect(ticketList(page)).toBeFocused();
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: /^Ticket / });
  await expect(pane).toBeFocused();
  for (const opener of ['s', 'p', 't']) {
    await keys(page, opener);
    await expect(dialog(page).first()).toBeVisible();
    await keys(page, 'Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(pane, `after ${opener} and Esc`).toBeFocused();
  }

  await keys(page, 'g', 'w');
  const workload = page.getByRole('region', { name: 'Workload' });
  await expect(workload).toBeFocused();
  const distribute = page.getByRole('button', { name: 'Distribute unassigned…' }).first();
  await expect(distribute).toBeEnabled({ timeout: 20_000 });
  await distribute.focus();
  await keys(page, 'Enter');
  await expect(dialog(page)).toBeVisible();
  await keys(page, 'Escape');
  await expect(dialog(page)).toHaveCount(0);
  // On the workload (Mantine may hand it back to the button that opened the dialog, which is on the workload too).
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('[data-key-area="workload"]') !== null))
    .toBe(true);
  // And the keys act there: j moves to the next agent.
  await keys(page, 'j');
  await expect(workload.locator('tr[data-active="true"]')).toHaveCount(1);
});
