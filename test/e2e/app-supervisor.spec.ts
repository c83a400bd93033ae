import { expect, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, openPalette, signIn } from './app-fixture';

const app = appServerPerFile();

test('a supervisor selects three tickets and reassigns them in one go', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const labels: string[] = [];
  await keys(page, 'x');
  labels.push((await activeRow(page).locator('.num').textContent()) ?? '');
  await keys(page, 'j', 'j');
  await keys(page, 'Shift+X');
  labels.push((await activeRow(page).locator('.num').textContent()) ?? '');
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');

  await keys(page, 'Shift+A');
  const picker = page.getByRole('dialog', { name: /Assign to \(3 tickets\)/ });
  await expect(picker.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('Priya');
  await keys(page, 'Enter');
  await expect(picker).toHaveCount(0);

  // The three left Unassigned; in All open tickets the palette opens one of them: it is assigned.
  await keys(page, 'Escape');
  await openPalette(page);
  await page.keyboard.type(labels[0]?.replace(/^\D+/, '') ?? '');
  await expect(
    page
      .getByRole('dialog')
      .getByRole('button')
      .filter({ hasText: labels[0] ?? '' }),
  ).toBeVisible();
  await keys(page, 'Enter');
  await expect(page.getByRole('button', { name: 'Assignee: change' })).toContainText('Priya Shah');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
});

test('the workload view shows load per agent and per queue', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'w');
  await expect(page.getByRole('heading', { name: 'Workload', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Alex Agent/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Service Desk/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Breaching soon' }).first()).toBeVisible();
});

test('dragging a ticket onto an agent in the workload view reassigns it', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'w');
  const agentRow = (name: string) =>
    page.getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${name}`) }) });
  const openCount = (name: string) => agentRow(name).getByRole('cell').nth(1);
  const from = agentRow('Priya Shah');
  await expect(openCount('Tom Berger')).toHaveText(/^\d+$/);
  await expect(openCount('Priya Shah')).toHaveText(/^\d+$/);
  const before = Number(await openCount('Tom Berger').textContent());
  const chip = from.locator('.ticket-chip');
  const moved = await chip.getAttribute('data-ticket-id');

  await chip.dragTo(agentRow('Tom Berger'));
  await expect(page.getByTestId('announcer')).toHaveText('Reassigned the ticket to Tom Berger');
  await expect(openCount('Tom Berger')).toHaveText(String(before + 1));
  await expect(from.locator('.ticket-chip')).not.toHaveAttribute('data-ticket-id', moved ?? '');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
});
