import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { NO_DUE } from '../../shared/domain/ticket';
import { makeTicket } from '../../shared/testing/fixtures';
import { appServerPerFile, focusList, keys, openField, sessionHeaders, setQueuesOf, signIn } from './app-fixture';

/**
 * Issue 19, fault 9: a ticket assigned to someone who does not work its queue vanishes from their replica while
 * Workload counts it. The pickers offer only people who may have the ticket, and Workload counts what each person
 * can see.
 */
const app = appServerPerFile();

const SERVICE_DESK_PEOPLE = ['Sam Supervisor (me)', 'Alex Agent', 'Lena Vogel', 'Priya Shah'];
const OTHERS = ['Tom Berger', 'Tara Technician', 'Marco Rossi', 'Jonas Weber', 'Ada Admin'];

/** Tickets an admin creates on the server for the test (numbered, with their SLA), as another desk would. */
async function createOnServer(tickets: { title: string; queueId: string; assigneeId?: string }[]): Promise<void> {
  const now = new Date().toISOString();
  const rows = tickets.map((t) => ({
    assumedMasterState: null,
    newDocumentState: {
      ...makeTicket({ id: randomUUID(), status: 'open', createdAt: now, updatedAt: now, slaDueAt: NO_DUE, ...t }),
      _deleted: false,
    },
  }));
  const reply = await fetch(`${app.url}/api/sync/tickets/push`, {
    method: 'POST',
    headers: await sessionHeaders(app.url),
    body: JSON.stringify(rows),
  });
  expect(await reply.json()).toEqual({ conflicts: [], rejected: [] });
}

const pickerOptions = (page: Page, name: RegExp) =>
  page.getByRole('dialog', { name }).getByRole('option').allTextContents();

async function showQueue(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
  await focusList(page);
}

test('the assignee picker offers only the people who work the ticket’s queue', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await showQueue(page, 'Service Desk');
  await openField(page, 'Shift+A');
  const options = await pickerOptions(page, /^Assign to$/);
  for (const name of SERVICE_DESK_PEOPLE)
    expect(
      options.some((o) => o.startsWith(name)),
      name,
    ).toBe(true);
  for (const name of OTHERS)
    expect(
      options.some((o) => o.startsWith(name)),
      name,
    ).toBe(false);
  await keys(page, 'Escape');
});

test('the create form offers as assignee only people of the chosen queue', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await openField(page, 'c');
  const form = page.getByRole('dialog', { name: 'Create ticket' });
  const assigneeOptions = async () => {
    await form.getByLabel('Assignee', { exact: true }).click();
    const names = await page.getByRole('listbox').last().getByRole('option').allTextContents();
    await keys(page, 'Escape');
    return names.sort();
  };
  await form.getByLabel('Queue', { exact: true }).click();
  await page.getByRole('option', { name: 'Network', exact: true }).click();
  expect(await assigneeOptions()).toEqual(['Alex Agent', 'Sam Supervisor (me)', 'Tom Berger']);
  await form.getByLabel('Queue', { exact: true }).click();
  await page.getByRole('option', { name: 'Field Services', exact: true }).click();
  expect(await assigneeOptions()).toEqual(['Jonas Weber', 'Marco Rossi', 'Sam Supervisor (me)', 'Tara Technician']);
});

test('reassigning a selection across queues offers only people who work all of them, and orphans nothing', async ({
  page,
}) => {
  await createOnServer([
    { title: 'Probe-9 printer in the lobby', queueId: 'q-service-desk' },
    { title: 'Probe-9 VPN drops every hour', queueId: 'q-network' },
  ]);
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await keys(page, '/');
  await page.keyboard.type('Probe-9');
  // Only the two are listed before any is selected: the search has applied.
  await expect(page.locator('.ticket-row').filter({ hasText: 'Probe-9' })).toHaveCount(2, { timeout: 20_000 });
  await expect(page.locator('.ticket-row')).toHaveCount(2);
  await focusList(page);
  await keys(page, 'x', 'j', 'x');
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');

  await openField(page, 'Shift+A');
  const options = await pickerOptions(page, /Assign to \(2 tickets\)/);
  // Alex Agent works the Service Desk and Network; Priya (Service Desk) and Tom (Network) each only one of them.
  expect(options.map((o) => o.replace(/(agent|supervisor)$/, ''))).toEqual([
    'Sam Supervisor (me)',
    'Alex Agent',
    'Unassigned',
  ]);
  await page.keyboard.type('Alex');
  await keys(page, 'Enter');
  await expect(page.getByTestId('announcer')).toHaveText('Assigned to Alex Agent');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });

  // Both are Alex's now: he works both queues, so both reach his replica.
  const assignees = async () =>
    (
      await app.server.db.query<{ assignee_id: string }>(
        "SELECT assignee_id FROM tickets WHERE doc->>'title' LIKE 'Probe-9%' ORDER BY id",
      )
    ).rows.map((r) => r.assignee_id);
  await expect.poll(assignees, { timeout: 20_000 }).toEqual(['u-agent', 'u-agent']);
});

test('Workload counts for each person the open tickets they can see', async ({ page }) => {
  // Priya works the Service Desk and Hardware and holds a Hardware ticket; then an admin takes her off Hardware.
  await createOnServer([{ title: 'Probe-9 docking station', queueId: 'q-hardware', assigneeId: 'u-priya' }]);
  const visibleToPriya = async () => {
    const pulled = await fetch(`${app.url}/api/sync/tickets/pull?limit=5000`, {
      headers: await sessionHeaders(app.url, 'priya.shah@demo.local'),
    });
    const { documents } = (await pulled.json()) as { documents: { assigneeId: string; status: string }[] };
    return documents.filter((t) => t.assigneeId === 'u-priya' && !['resolved', 'closed'].includes(t.status)).length;
  };
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'w');
  const priyasOpen = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: /^Priya Shah/ }) })
    .getByRole('cell')
    .nth(1);
  await expect(priyasOpen).toHaveText(String(await visibleToPriya()));
  const before = await visibleToPriya();
  await setQueuesOf(app.url, 'u-priya', ['q-service-desk']);
  try {
    const nowVisible = await visibleToPriya();
    expect(nowVisible).toBeLessThan(before);
    // Her Hardware tickets left her replica; Workload stops counting them against her.
    await expect(priyasOpen).toHaveText(String(nowVisible));
  } finally {
    await setQueuesOf(app.url, 'u-priya', ['q-service-desk', 'q-hardware']);
  }
});
