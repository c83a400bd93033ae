import { expect, type Page, test } from '@playwright/test';
import {
  activeRow,
  appServerPerFile,
  focusList,
  keys,
  myName,
  newSignedInPage,
  openField,
  openPalette,
  signIn,
} from './app-fixture';

const app = appServerPerFile();

/** Opens the nth unassigned ticket (j pressed n times) in the detail pane; returns its label and pane. */
async function openUnassigned(page: Page, n: number) {
  await keys(page, 'g', 'u');
  await focusList(page);
  for (let i = 0; i < n; i++) await keys(page, 'j');
  const label = ((await activeRow(page).locator('.num').textContent()) ?? '').trim();
  await keys(page, 'Enter');
  // By number: a new type changes the label's prefix (INC-7 → PRB-7).
  const pane = page.getByRole('region', { name: new RegExp(`^Ticket [A-Z]+-${label.replace(/^\D+/, '')}$`) });
  await expect(pane).toBeFocused();
  return { label, pane };
}

test('title and description are edited in place by keyboard and reach a second workstation', async ({ browser }) => {
  const { page, context } = await newSignedInPage(browser, app.url, 'agent@demo.local');
  const { label, pane } = await openUnassigned(page, 1);

  // e: the title becomes a field with focus; Enter saves and focus is back on the pane.
  await openField(page, 'e');
  await expect(pane.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await keys(page, 'Control+a');
  await page.keyboard.type('Badge reader at the loading dock rejects every card');
  await keys(page, 'Enter');
  await expect(
    pane.getByRole('heading', { name: 'Badge reader at the loading dock rejects every card' }),
  ).toBeVisible();
  await expect(pane).toBeFocused();

  // d: the description, two lines (Enter is a new line), Ctrl+Enter saves.
  await openField(page, 'd');
  await keys(page, 'Control+a');
  await page.keyboard.type('Since the firmware update on Monday.');
  await keys(page, 'Enter');
  await page.keyboard.type('Cards work at the main entrance.');
  await keys(page, 'Control+Enter');
  const description = pane.getByRole('button', { name: 'Description: change' });
  await expect(description).toHaveText('Since the firmware update on Monday.\nCards work at the main entrance.');
  await expect(pane).toBeFocused();

  // A blank title is refused with its reason; the text typed stays, nothing is written, Esc leaves it as it was.
  await openField(page, 'e');
  await keys(page, 'Control+a', 'Backspace', 'Enter');
  await expect(pane.getByText('Title is required')).toBeVisible();
  await expect(pane.getByRole('textbox', { name: 'Title' })).toHaveValue('');
  await keys(page, 'Escape');
  await expect(
    pane.getByRole('heading', { name: 'Badge reader at the loading dock rejects every card' }),
  ).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });

  // Another workstation (another person) finds the ticket by number and sees both edits from the server.
  const other = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  await openPalette(other.page);
  await other.page.keyboard.type(label.replace(/^\D+/, ''));
  await expect(other.page.getByRole('dialog').getByRole('button').filter({ hasText: label })).toBeVisible();
  await keys(other.page, 'Enter');
  const otherPane = other.page.getByRole('region', { name: `Ticket ${label}` });
  await expect(
    otherPane.getByRole('heading', { name: 'Badge reader at the loading dock rejects every card' }),
  ).toBeVisible();
  await expect(otherPane.getByRole('button', { name: 'Description: change' })).toHaveText(
    'Since the firmware update on Monday.\nCards work at the main entrance.',
  );
  await context.close();
  await other.context.close();
});

test('type, category and requester are picked by keyboard, and the palette opens the same editors', async ({
  page,
}) => {
  await signIn(page, app.url, 'agent@demo.local');
  const { pane } = await openUnassigned(page, 2);

  await openField(page, 'y');
  await page.keyboard.type('problem');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Type: change' })).toHaveText('Problem');
  await expect(pane).toHaveAccessibleName(/^Ticket PRB-/);

  await openField(page, 'Shift+C');
  await page.keyboard.type('new laptop');
  await expect(pane.getByRole('option', { name: /New laptop/ })).toBeVisible();
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Category: change' })).toHaveText('New laptop · Hardware');

  // From the palette, with focus on the list: the editor opens in the open ticket's pane.
  await focusList(page);
  await openPalette(page);
  await page.keyboard.type('Change requester');
  await keys(page, 'Enter');
  await expect(pane.getByRole('combobox', { name: 'Change requester: filter' })).toBeFocused();
  await page.keyboard.type('Rita');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Requester: change' })).toContainText('Rita Requester');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
});

test('a ticket put on hold shows its SLA clocks paused, and the history says who changed it and when', async ({
  page,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const { pane } = await openUnassigned(page, 3);
  const clocks = pane.getByLabel('SLA clocks');

  await openField(page, 's');
  await page.keyboard.type('On hold');
  await keys(page, 'Enter');
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('On hold');
  const resolution = clocks.locator('[data-sla-state]').filter({ hasText: 'Resolution' });
  await expect(resolution).toHaveAttribute('data-sla-state', 'paused');
  await expect(resolution).toContainText(/Resolution: Paused · .+ left/);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });

  // The audit log, read from the server: who (the signed-in supervisor), when (today), what.
  const entry = pane.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'On hold' });
  await expect(entry).toContainText(new RegExp(`${await myName(page)} changed status .+ → On hold`), {
    timeout: 20_000,
  });
  await expect(entry).toContainText(String(new Date().getFullYear()));
});
