import { expect, test } from '@playwright/test';
import {
  activeRow,
  appServerPerFile,
  confirmBreachIfAsked,
  focusList,
  keys,
  openByLabel,
  openField,
  selectRows,
  signIn,
  ticketsOnServer,
} from './app-fixture';

const app = appServerPerFile();

test('a supervisor selects three tickets and reassigns them in one go', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  // Service Desk tickets: Priya Shah works that queue, so she is offered for all three.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Service Desk/ })
    .click();
  await focusList(page);
  const labels = await selectRows(page, 2);

  await keys(page, 'Shift+A');
  const picker = page.getByRole('dialog', { name: /Assign to \(3 tickets\)/ });
  await expect(picker.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('Priya');
  await keys(page, 'Enter');
  await expect(picker).toHaveCount(0);

  // The palette opens one of them: it is assigned.
  await keys(page, 'Escape');
  await openByLabel(page, labels[0] ?? '');
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
  await expect(openCount('Sam Supervisor')).toHaveText(/^\d+$/);
  await expect(openCount('Priya Shah')).toHaveText(/^\d+$/);
  const toms = Number(await openCount('Tom Berger').textContent());
  const before = Number(await openCount('Sam Supervisor').textContent());
  const chip = from.locator('.ticket-chip');
  const moved = await chip.getAttribute('data-ticket-id');

  // Tom Berger works only Network, where none of Priya's tickets are: he could not even see it.
  await chip.dragTo(agentRow('Tom Berger'));
  await expect(page.getByTestId('announcer')).toHaveText(
    /^Could not reassign 1 of 1 to Tom Berger: assigneeId: Tom Berger does not work in queue "(Service Desk|Hardware)" and would not see the ticket\.$/,
  );
  await expect(openCount('Tom Berger')).toHaveText(String(toms));
  // Sam Supervisor works every queue.
  await chip.dragTo(agentRow('Sam Supervisor'));
  await expect(page.getByTestId('announcer')).toHaveText('Reassigned the ticket to Sam Supervisor');
  await expect(openCount('Sam Supervisor')).toHaveText(String(before + 1));
  await expect(from.locator('.ticket-chip')).not.toHaveAttribute('data-ticket-id', moved ?? '');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
});

test('a supervisor changes the priority of selected tickets, then moves them to another queue, by keyboard', async ({
  page,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const labels = await selectRows(page, 2);

  await openField(page, 'p');
  await expect(page.getByRole('dialog', { name: /Set priority \(3 tickets\)/ })).toBeVisible();
  await page.keyboard.type('P1');
  await keys(page, 'Enter');
  await confirmBreachIfAsked(page, page.getByTestId('announcer').filter({ hasText: 'Priority set to P1' }));
  await expect(page.getByTestId('announcer')).toHaveText('Priority set to P1');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
  const onServer = async () => await ticketsOnServer(app.server, labels);
  await expect.poll(async () => (await onServer()).map((t) => t.priority)).toEqual(['P1', 'P1', 'P1']);

  // The selection stays, so the next key acts on the same tickets.
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  await openField(page, 'm');
  await expect(page.getByRole('dialog', { name: /Move to queue \(3 tickets\)/ })).toBeVisible();
  await page.keyboard.type('Hardware');
  await keys(page, 'Enter');
  await confirmBreachIfAsked(page, page.getByTestId('announcer').filter({ hasText: 'Moved to Hardware' }));
  await expect(page.getByTestId('announcer')).toHaveText('Moved to Hardware');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
  await expect
    .poll(async () => (await onServer()).map((t) => t.queueId))
    .toEqual(['q-hardware', 'q-hardware', 'q-hardware']);
});

test('from the workload view a supervisor picks an agent with j/k and Enter and reassigns their ticket with Shift+A', async ({
  page,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'w');
  const agents = page.getByRole('table').first().getByRole('row');
  await expect(agents.filter({ hasText: 'Priya Shah' })).toHaveCount(1);
  const names = await agents.allTextContents();
  const active = page.locator('tr[data-active="true"]');
  // The first agent is highlighted; j moves down, k up: down past Priya Shah and back.
  const index = names.findIndex((n) => n.startsWith('Priya Shah')) - 1;
  await keys(page, ...Array<string>(index + 1).fill('j'), 'k');
  await expect(active).toContainText('Priya Shah');

  await keys(page, 'Enter');
  // Enter shows the agent's tickets: all of them, filtered to that assignee.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('All open tickets');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  expect((await ticketsOnServer(app.server, [label]))[0]?.assigneeId).toBe('u-priya');

  await openField(page, 'Shift+A');
  await page.keyboard.type('Sam');
  await keys(page, 'Enter');
  await expect(page.getByTestId('announcer')).toHaveText('Assigned to Sam Supervisor');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
  await expect.poll(async () => (await ticketsOnServer(app.server, [label]))[0]?.assigneeId).toBe('u-supervisor');
});

test('Distribute unassigned… hands a queue’s unassigned tickets to the chosen agents, fewest open tickets first', async ({
  page,
}) => {
  const openLoad = async (assignee: string) =>
    Number(
      (
        await app.server.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM tickets WHERE assignee_id = $1 AND NOT deleted AND doc->>'status' NOT IN ('resolved', 'closed')`,
          [assignee],
        )
      ).rows[0]?.n,
    );
  const unassignedInDesk = async () =>
    (
      await app.server.db.query<{ id: string }>(
        `SELECT id FROM tickets WHERE queue_id = 'q-service-desk' AND assignee_id = '' AND NOT deleted
           AND doc->>'status' NOT IN ('resolved', 'closed')`,
      )
    ).rows.map((r) => r.id);
  const waiting = await unassignedInDesk();
  expect(waiting.length).toBeGreaterThan(1);
  const before = { priya: await openLoad('u-priya'), lena: await openLoad('u-lena') };

  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'w');
  const desk = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Service Desk', exact: true }) });
  await expect(desk.getByRole('cell').nth(5)).toHaveText(String(waiting.length));
  await desk.getByRole('button', { name: 'Distribute unassigned…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Distribute unassigned tickets of Service Desk' });
  // The queue's members are offered, all chosen; keep only Priya Shah and Lena Vogel.
  for (const name of ['Sam Supervisor', 'Alex Agent']) await dialog.getByRole('checkbox', { name }).uncheck();
  await expect(dialog.getByRole('checkbox', { name: 'Priya Shah' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Lena Vogel' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Distribute' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toHaveText(
    `Distributed ${waiting.length} tickets from Service Desk over 2 agents`,
  );
  await expect(desk.getByRole('cell').nth(5)).toHaveText('0');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });

  // On the server: every one went to Priya or Lena, and the one with fewer open tickets got more of them.
  await expect.poll(unassignedInDesk).toEqual([]);
  const { rows } = await app.server.db.query<{ assignee_id: string }>(
    'SELECT assignee_id FROM tickets WHERE id = ANY($1)',
    [waiting],
  );
  // Both get some, unless the less loaded one was behind by at least as many as were waiting.
  const gap = Math.abs(before.priya - before.lena);
  const lessLoaded = before.priya <= before.lena ? 'u-priya' : 'u-lena';
  expect(new Set(rows.map((r) => r.assignee_id))).toEqual(
    new Set(waiting.length > gap ? ['u-priya', 'u-lena'] : [lessLoaded]),
  );
  const after = { priya: await openLoad('u-priya'), lena: await openLoad('u-lena') };
  expect(after.priya - before.priya + (after.lena - before.lena)).toBe(waiting.length);
  expect(Math.abs(after.priya - after.lena)).toBe(
    waiting.length >= gap ? (waiting.length - gap) % 2 : gap - waiting.length,
  );
});
