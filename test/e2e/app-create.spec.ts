import { expect, type Page, test } from '@playwright/test';
import { activeRow, appServerPerFile, keys, newSignedInPage, openField, signIn } from './app-fixture';

const app = appServerPerFile();

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Create ticket' });

/** Narrows the list to one title with the search field (/), so the row is on screen whatever its place. */
async function findInList(page: Page, title: string) {
  await keys(page, '/');
  await page.keyboard.type(title);
  const row = page.locator('.ticket-row').filter({ hasText: title });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  return row;
}

test('c creates a blank ticket by keyboard; it shows a provisional label, then its number after sync', async ({
  browser,
}) => {
  const { page, context } = await newSignedInPage(browser, app.url, 'agent@demo.local');
  await keys(page, 'g', 'u');
  await expect(activeRow(page)).toHaveCount(1, { timeout: 30_000 });
  // Offline, so the provisional label stays until the server can number the ticket.
  await context.setOffline(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });

  await openField(page, 'c');
  await expect(dialog(page).getByRole('textbox', { name: 'Title' })).toBeFocused();
  await page.keyboard.type('Projector in room 4.12 shows no picture');
  await keys(page, 'Tab');
  await page.keyboard.type('Rita');
  await expect(page.getByRole('option', { name: /Rita Requester \(requester@demo\.local\)/ })).toBeVisible();
  await keys(page, 'ArrowDown', 'Enter');
  await expect(dialog(page).getByLabel(/^Requester/)).toHaveValue(/Rita Requester/);
  // Back to the title; Enter in it submits the form.
  await keys(page, 'Shift+Tab', 'Enter');
  await expect(dialog(page)).toHaveCount(0);

  const pane = page.getByRole('region', { name: /^Ticket INC-new·/ });
  await expect(pane).toContainText('not yet synced');
  await expect(pane.getByRole('button', { name: 'Requester: change' })).toContainText('Rita Requester');
  const row = await findInList(page, 'Projector in room 4.12');
  await expect(row.locator('.num')).toHaveText(/^INC-new·/);
  await expect(page.getByTestId('pending-count')).toHaveText(/^[1-9]\d* pending$/);

  await context.setOffline(false);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  await expect(row.locator('.num')).toHaveText(/^INC-\d+$/, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: /^Ticket INC-\d+$/ })).not.toContainText('not yet synced');
  await context.close();
});

// The supervisor: "New laptop" goes to the Hardware queue, which the demo agent is not a member of.
test('a ticket from the catalog item "New laptop" carries its form fields', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await openField(page, 'c');
  const form = dialog(page);
  await form.getByLabel('From the service catalog', { exact: true }).fill('laptop');
  await page.getByRole('option', { name: /^New laptop · / }).click();
  // The item sets type, queue and levels, and names the ticket after itself.
  await expect(form.getByRole('textbox', { name: 'Title' })).toHaveValue('New laptop');
  await expect(form.getByLabel('Type', { exact: true })).toHaveValue('Service request');
  await form.getByRole('textbox', { name: 'Title' }).fill('New laptop for Rita (starts 1 March)');
  await form.getByLabel(/^Requester/).fill('Rita');
  await page.getByRole('option', { name: /Rita Requester \(requester@demo\.local\)/ }).click();
  await form.getByLabel(/^Model/).click();
  await page.getByRole('option', { name: /Performance 16/ }).click();
  await form.getByLabel('Needed by').fill('2030-03-01');
  await form.getByRole('textbox', { name: 'Reason' }).fill('Replaces a 6-year-old machine');
  await form.getByRole('button', { name: 'Create ticket' }).click();
  await expect(form).toHaveCount(0);

  const pane = page.getByRole('region', { name: /^Ticket REQ-/ });
  await expect(pane.getByRole('heading', { name: 'New laptop for Rita (starts 1 March)' })).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Type: change' })).toHaveText('Service request');
  await expect(pane.getByRole('button', { name: 'Category: change' })).toHaveText('New laptop · Hardware');
  await expect(pane).toContainText('model: Performance 16"');
  await expect(pane).toContainText('neededBy: 2030-03-01');
  await expect(pane).toContainText('reason: Replaces a 6-year-old machine');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  await expect(pane).toHaveAccessibleName(/^Ticket REQ-\d+$/, { timeout: 20_000 });
});

test('a form with problems names each field to fix and keeps everything typed', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await openField(page, 'c');
  const form = dialog(page);
  await form.getByRole('textbox', { name: 'Description' }).fill('The badge printer prints blank cards.');
  await form.getByRole('button', { name: 'Create ticket' }).click();
  await expect(form.getByText('Title is required')).toBeVisible();
  await expect(form.getByText('Requester: choose who asked for this')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveText(
    'Not created yet: check Title and Requester. Nothing you typed is lost.',
  );
  // Focus is on the first field to fix, and the description is still there.
  await expect(form.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await expect(form.getByRole('textbox', { name: 'Description' })).toHaveValue('The badge printer prints blank cards.');

  // A catalog item's own fields are checked too, each by its label.
  await form.getByLabel('From the service catalog', { exact: true }).fill('laptop');
  await page.getByRole('option', { name: /^New laptop · / }).click();
  await form.getByLabel(/^Requester/).fill('Rita');
  await page.getByRole('option', { name: /Rita Requester \(requester@demo\.local\)/ }).click();
  await form.getByRole('button', { name: 'Create ticket' }).click();
  await expect(form.getByText('Model is required')).toBeVisible();
  await expect(form.getByText('Needed by is required')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveText(/check Model and Needed by\./);
  await expect(form.getByRole('textbox', { name: 'Description' })).toHaveValue('The badge printer prints blank cards.');

  await form.getByLabel(/^Model/).click();
  await page.getByRole('option', { name: /Standard 14/ }).click();
  await form.getByLabel('Needed by').fill('2030-04-01');
  await form.getByRole('button', { name: 'Create ticket' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^Ticket REQ-/ })).toContainText(
    'The badge printer prints blank cards.',
  );
});

test('an agent sees at once that a catalog item routed to a queue they do not work cannot be theirs to create', async ({
  page,
}) => {
  await signIn(page, app.url, 'agent@demo.local'); // works Service Desk and Network
  await openField(page, 'c');
  const form = dialog(page);
  // The queue picker offers only the agent's own queues.
  await form.getByLabel('Queue', { exact: true }).click();
  await expect(page.getByRole('option', { name: 'Network', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Service Desk', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Hardware', exact: true })).toHaveCount(0);
  await keys(page, 'Escape');

  await form.getByLabel('From the service catalog', { exact: true }).fill('laptop');
  await page.getByRole('option', { name: /^New laptop · / }).click();
  await expect(form.getByText('Not one of your queues: you cannot create tickets here')).toBeVisible();
  await form.getByLabel(/^Requester/).fill('Rita');
  await page.getByRole('option', { name: /Rita Requester \(requester@demo\.local\)/ }).click();
  await form.getByLabel(/^Model/).click();
  await page.getByRole('option', { name: /Performance 16/ }).click();
  await form.getByLabel('Needed by').fill('2030-03-01');
  await form.getByRole('button', { name: 'Create ticket' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Not created: You cannot create tickets in queue "Hardware": you are not a member of it.',
  );
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
});

test('a technician is offered only their own queues and no assignee: what they create is theirs', async ({ page }) => {
  await signIn(page, app.url, 'technician@demo.local'); // works Field Services only
  await openField(page, 'c');
  const form = dialog(page);
  await form.getByLabel('Queue', { exact: true }).click();
  await expect(page.getByRole('option', { name: 'Field Services', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Service Desk', exact: true })).toHaveCount(0);
  await keys(page, 'Escape');
  await expect(form.getByLabel('Assignee', { exact: true })).toHaveCount(0);
});
