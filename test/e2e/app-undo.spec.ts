import { expect, type Page, test } from '@playwright/test';
import {
  activeRow,
  appServerPerFile,
  focusList,
  keys,
  newSignedInPage,
  openByLabel,
  openField,
  openPalette,
  selectRows,
  signIn,
  ticketList,
  ticketsOnServer,
} from './app-fixture';
import { seriousViolations } from './axe';
import { tabTo, wentOffline } from './sync-helpers';

const app = appServerPerFile();

const assigneesOnServer = (labels: string[]) => async () =>
  (await ticketsOnServer(app.server, labels)).map((t) => t.assigneeId);

/** The Service Desk's unassigned tickets: everyone who works that queue may be given them. */
async function showUnassignedServiceDesk(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Service Desk/ })
    .click();
  await page.getByRole('combobox', { name: 'Assignee' }).click();
  await page.getByRole('option', { name: 'Unassigned', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Assignee' })).toHaveValue('Unassigned');
  await focusList(page);
}

/** Assigns an unassigned Service Desk ticket to oneself with `a`; returns its label once the server has it. */
async function assignFirstToMe(page: Page): Promise<string> {
  await showUnassignedServiceDesk(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'a');
  await expect.poll(assigneesOnServer([label]), { timeout: 20_000 }).toEqual(['u-supervisor']);
  return label;
}

test('Ctrl+Z undoes the last action; the toast names it, and Tab reaches its Undo button', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const label = await assignFirstToMe(page);
  const offer = page.getByTestId('toast').filter({ hasText: label });
  await expect(offer).toContainText(`${label}: assignee → Sam Supervisor`);
  await expect(offer.getByRole('button', { name: /^Undo/ })).toContainText('Ctrl Z');
  expect(await seriousViolations(page)).toEqual([]);

  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).toHaveText(`Undone: ${label} assignee back to Unassigned.`);
  await expect(offer).toHaveCount(0);
  await expect.poll(assigneesOnServer([label]), { timeout: 20_000 }).toEqual(['']);
  // Once undone, there is nothing more to undo: a second Ctrl+Z does not reach further back.
  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).toHaveText('Nothing to undo');

  // The next action, undone from the toast: Tab walks to its button, Enter presses it.
  const next = await assignFirstToMe(page);
  const undo = page.getByTestId('toast').filter({ hasText: next }).getByRole('button', { name: /^Undo/ });
  await tabTo(page, undo);
  await keys(page, 'Enter');
  await expect(page.getByTestId('announcer')).toHaveText(`Undone: ${next} assignee back to Unassigned.`);
  await expect.poll(assigneesOnServer([next]), { timeout: 20_000 }).toEqual(['']);
});

test('a bulk reassignment is undone as one; Ctrl+Z while typing in a field undoes only the typing', async ({
  page,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await showUnassignedServiceDesk(page);
  const labels = await selectRows(page, 2);
  await openField(page, 'Shift+A');
  await page.keyboard.type('Priya');
  await keys(page, 'Enter');
  await expect(page.getByTestId('toast')).toContainText('3 tickets: assignee → Priya Shah');
  await expect.poll(assigneesOnServer(labels), { timeout: 20_000 }).toEqual(['u-priya', 'u-priya', 'u-priya']);

  // In the search field, Ctrl+Z belongs to the field.
  await openField(page, '/');
  await page.keyboard.type('zz');
  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).not.toHaveText(/Undone/);
  await expect(page.getByTestId('toast')).toContainText('3 tickets: assignee → Priya Shah');
  await keys(page, 'Escape');
  await expect(ticketList(page)).toBeFocused();

  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).toHaveText('Undone on 3 tickets.');
  await expect.poll(assigneesOnServer(labels), { timeout: 20_000 }).toEqual(['', '', '']);
});

test('offline, Ctrl+Z undoes with a local change that is sent when the network is back', async ({ page, context }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const label = await assignFirstToMe(page);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });

  await context.setOffline(true);
  await wentOffline(page);
  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).toHaveText(`Undone: ${label} assignee back to Unassigned.`);
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending');
  expect(await assigneesOnServer([label])()).toEqual(['u-supervisor']);

  await context.setOffline(false);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  await expect.poll(assigneesOnServer([label]), { timeout: 20_000 }).toEqual(['']);
});

test('Ctrl+Z leaves alone what another workstation changed since, and says so', async ({ browser }) => {
  const mine = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const theirs = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const { page } = mine;
  const label = await assignFirstToMe(page);
  await openByLabel(page, label);
  const assignee = page
    .getByRole('region', { name: `Ticket ${label}` })
    .getByRole('button', { name: 'Assignee: change' });
  await expect(assignee).toContainText('Sam Supervisor');

  // Someone else reassigns it to Lena after the action; it arrives here.
  await openByLabel(theirs.page, label);
  // (The other workstation's own path to its picker is not what this test is about: its pane is given focus.)
  await expect(theirs.page.getByRole('textbox', { name: 'Command or ticket' })).toHaveCount(0);
  await theirs.page.getByRole('region', { name: `Ticket ${label}` }).focus();
  await openField(theirs.page, 'Shift+A');
  await theirs.page.keyboard.type('Lena');
  await keys(theirs.page, 'Enter');
  await expect(assignee).toContainText('Lena Vogel', { timeout: 20_000 });

  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).toHaveText(
    `Not undone: the assignee of ${label} changed since, so it was left as it is.`,
  );
  await expect(assignee).toContainText('Lena Vogel');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
  expect(await assigneesOnServer([label])()).toEqual(['u-lena']);

  await mine.context.close();
  await theirs.context.close();
});

test('Ctrl+Z is listed in the ? help and runs from the command palette', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const label = await assignFirstToMe(page);

  await keys(page, '?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Undo last change/ })).toContainText('Ctrl Z');
  await keys(page, 'Escape');
  await expect(help).toHaveCount(0);

  await openPalette(page);
  await page.keyboard.type('undo');
  const command = page.getByRole('dialog').getByRole('button', { name: /Undo last change/ });
  await expect(command).toContainText('Ctrl Z');
  await keys(page, 'Enter');
  await expect(page.getByTestId('announcer')).toHaveText(`Undone: ${label} assignee back to Unassigned.`);
  await expect.poll(assigneesOnServer([label]), { timeout: 20_000 }).toEqual(['']);
});

test('Distribute unassigned… is undone as one action', async ({ page }) => {
  const unassignedInDesk = async () =>
    (
      await app.server.db.query<{ id: string }>(
        `SELECT id FROM tickets WHERE queue_id = 'q-service-desk' AND assignee_id = '' AND NOT deleted
           AND doc->>'status' NOT IN ('resolved', 'closed') ORDER BY id`,
      )
    ).rows.map((r) => r.id);
  const waiting = await unassignedInDesk();
  expect(waiting.length).toBeGreaterThan(1);

  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'w');
  const desk = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Service Desk', exact: true }) });
  await desk.getByRole('button', { name: 'Distribute unassigned…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Distribute unassigned tickets of Service Desk' });
  await dialog.getByRole('button', { name: 'Distribute' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('toast')).toContainText(`${waiting.length} tickets: assignee`);
  await expect.poll(unassignedInDesk, { timeout: 30_000 }).toEqual([]);

  await keys(page, 'Control+z');
  await expect(page.getByTestId('announcer')).toHaveText(`Undone on ${waiting.length} tickets.`);
  await expect.poll(unassignedInDesk, { timeout: 30_000 }).toEqual(waiting);
});
