import { expect, test } from '@playwright/test';
import {
  appServerPerFile,
  focusList,
  keys,
  newSignedInPage,
  openByLabel,
  openField,
  selectRows,
  ticketsOnServer,
} from './app-fixture';

const app = appServerPerFile();

test('a conflict is shown in the sync panel with both values; Re-apply mine sends mine, Dismiss keeps theirs', async ({
  browser,
}) => {
  const mine = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const theirs = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const { page } = mine;

  // Both workstations select the same two unassigned Service Desk tickets (Priya Shah and Lena Vogel both work
  // that queue).
  for (const p of [page, theirs.page]) {
    await p
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Service Desk/ })
      .click();
    await p.getByRole('combobox', { name: 'Assignee' }).click();
    await p.getByRole('option', { name: 'Unassigned', exact: true }).click();
    await focusList(p);
  }
  const labels = await selectRows(page, 1);
  expect(await selectRows(theirs.page, 1)).toEqual(labels);

  // Offline, this one assigns them to Priya; meanwhile the other assigns them to Lena, which reaches the server first.
  await mine.context.setOffline(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });
  await openField(page, 'Shift+A');
  await page.keyboard.type('Priya');
  await keys(page, 'Enter');
  await expect(page.getByTestId('announcer')).toHaveText('Assigned to Priya Shah');
  await expect(page.getByTestId('pending-count')).toHaveText(/^[1-9]\d* pending$/);
  await openField(theirs.page, 'Shift+A');
  await theirs.page.keyboard.type('Lena');
  await keys(theirs.page, 'Enter');
  const assignees = async () => (await ticketsOnServer(app.server, labels)).map((t) => t.assigneeId);
  await expect.poll(assignees, { timeout: 20_000 }).toEqual(['u-lena', 'u-lena']);

  await mine.context.setOffline(false);
  await keys(page, 'g', 'y');
  const conflicts = page.getByTestId('conflict');
  await expect(conflicts).toHaveCount(2, { timeout: 30_000 });
  const [first, second] = labels.map((label) => conflicts.filter({ hasText: label }));
  if (!first || !second) throw new Error('two tickets were selected');
  // Both values by name, as the user chose them: the other workstation's is kept, mine waits here.
  for (const conflict of [first, second]) {
    await expect(conflict).toContainText('changed “assignee”');
    await expect(conflict).toContainText('Kept: Lena Vogel');
    await expect(conflict).toContainText('Yours: Priya Shah');
  }
  expect(await assignees()).toEqual(['u-lena', 'u-lena']);

  await first.getByRole('button', { name: 'Re-apply mine' }).click();
  await expect(first).toHaveCount(0);
  await second.getByRole('button', { name: 'Dismiss' }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Conflicts (0)' })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
  await expect.poll(assignees, { timeout: 20_000 }).toEqual(['u-priya', 'u-lena']);

  // The other workstation sees the re-applied value arrive.
  await keys(theirs.page, 'Escape');
  await openByLabel(theirs.page, labels[0] ?? '');
  await expect(theirs.page.getByRole('button', { name: 'Assignee: change' })).toContainText('Priya Shah', {
    timeout: 30_000,
  });

  await mine.context.close();
  await theirs.context.close();
});
