import { type Browser, expect, test } from '@playwright/test';
import type { Priority } from '../../shared/domain/priority';
import {
  activeRow,
  appServerPerFile,
  confirmBreachIfAsked,
  focusList,
  keys,
  newSignedInPage,
  openByLabel,
  openField,
  selectRows,
  ticketsOnServer,
} from './app-fixture';
import { seriousViolations } from './axe';
import { tabTo, themeColor, wentOffline } from './sync-helpers';

const app = appServerPerFile();

/** The same supervisor at two workstations, both on Service Desk's unassigned tickets with the list focused. */
async function twoWorkstationsOnUnassigned(browser: Browser) {
  const mine = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const theirs = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  // Both on the unassigned Service Desk tickets (Priya Shah and Lena Vogel both work that queue, so either may take
  // them).
  for (const p of [mine.page, theirs.page]) {
    await p
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Service Desk/ })
      .click();
    await p.getByRole('combobox', { name: 'Assignee' }).click();
    await p.getByRole('option', { name: 'Unassigned', exact: true }).click();
    await focusList(p);
  }
  return { mine, theirs, page: mine.page };
}

test('a conflict is counted in the top bar, announced once, and resolved with Enter or Space in the ticket’s pane', async ({
  browser,
}) => {
  const { mine, theirs, page } = await twoWorkstationsOnUnassigned(browser);
  // Both workstations select the same two unassigned tickets.
  const labels = await selectRows(page, 1);
  expect(await selectRows(theirs.page, 1)).toEqual(labels);

  // Offline, this one assigns them to Priya; meanwhile the other assigns them to Lena, which reaches the server first.
  await mine.context.setOffline(true);
  await wentOffline(page);
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

  // Back online: the top bar counts the two conflicts in colour instead of "All changes sent", and says it aloud.
  await mine.context.setOffline(false);
  const indicator = page.getByTestId('sync-indicator');
  await expect(page.getByTestId('conflict-count')).toHaveText('2 conflicts', { timeout: 30_000 });
  await expect(page.getByTestId('conflict-count')).toHaveCSS('background-color', await themeColor(page, 'orange'));
  await expect(indicator).toHaveAccessibleName(/2 conflicts need your attention/);
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  const toast = page.getByTestId('toast').filter({ hasText: 'conflicts' });
  await expect(toast).toHaveText(/2 new conflicts need your attention/);
  await expect(page.getByTestId('announcer')).toHaveText('2 new conflicts need your attention.');
  await expect(page.getByTestId('toast').filter({ hasText: /conflict/i })).toHaveCount(1);

  // The sync panel names both values as the user chose them.
  await keys(page, 'g', 'y');
  const conflicts = page.getByTestId('conflict');
  await expect(conflicts).toHaveCount(2);
  for (const label of labels) {
    const conflict = conflicts.filter({ hasText: label });
    await expect(conflict).toContainText('changed “assignee”');
    await expect(conflict).toContainText('Kept: Lena Vogel');
    await expect(conflict).toContainText('Yours: Priya Shah');
  }
  await keys(page, 'Escape');
  expect(await assignees()).toEqual(['u-lena', 'u-lena']);

  // In the first ticket's pane, a banner: Tab reaches "Re-apply mine", Enter presses it.
  await keys(page, 'Escape');
  await openByLabel(page, labels[0] ?? '');
  const pane = page.getByRole('region', { name: `Ticket ${labels[0]}` });
  await expect(pane.getByTestId('pane-conflicts')).toContainText('Your change was not kept');
  const banner = pane.getByTestId('pane-conflict');
  await expect(banner).toContainText('assignee · Kept: Lena Vogel · Yours: Priya Shah');
  // The banner, the top bar's count and the notice pass axe like every other screen.
  expect(await seriousViolations(page)).toEqual([]);
  await tabTo(page, banner.getByRole('button', { name: 'Re-apply mine' }));
  await keys(page, 'Enter');
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toHaveText('Re-applied your assignee: Priya Shah');
  await expect(pane.getByRole('button', { name: 'Assignee: change' })).toContainText('Priya Shah');
  await expect(page.getByTestId('conflict-count')).toHaveText('1 conflict');

  // In the second, Space on "Keep theirs".
  await openByLabel(page, labels[1] ?? '');
  const second = page.getByRole('region', { name: `Ticket ${labels[1]}` }).getByTestId('pane-conflict');
  await expect(second).toBeVisible();
  await tabTo(page, second.getByRole('button', { name: 'Keep theirs' }));
  await keys(page, ' ');
  await expect(second).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toHaveText('Kept their assignee: Lena Vogel');

  await expect(page.getByTestId('conflict-count')).toHaveCount(0);
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

test('one lost offline priority change is one conflict, shown and re-applied as one', async ({ browser }) => {
  const { mine, theirs, page } = await twoWorkstationsOnUnassigned(browser);
  // A ticket at P3 or P4: the other workstation lowers it, so the server's raise-on-breach can lift it at most to P2,
  // never to the P1 this one chooses.
  const priorityOf = async (p: typeof page) =>
    (
      await activeRow(p)
        .getByRole('img', { name: /^Priority / })
        .getAttribute('aria-label')
    )?.slice(-2);
  while (!['P3', 'P4'].includes((await priorityOf(page)) ?? '')) await keys(page, 'j');
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  while ((await activeRow(theirs.page).locator('.num').textContent()) !== label) await keys(theirs.page, 'j');
  const onServer = async () => (await ticketsOnServer(app.server, [label]))[0];
  const before = (await onServer())?.priority as Priority;
  const myPriority: Priority = 'P1';
  const theirPriority: Priority = before === 'P4' ? 'P3' : 'P4';

  await mine.context.setOffline(true);
  await wentOffline(page);
  await openField(page, 'p');
  await page.keyboard.type(myPriority);
  await keys(page, 'Enter');
  // P1 may breach a clock of an older ticket at once: the workstation asks first.
  await confirmBreachIfAsked(page, page.getByTestId('announcer').filter({ hasText: `Priority set to ${myPriority}` }));
  await openField(theirs.page, 'p');
  await theirs.page.keyboard.type(theirPriority);
  await keys(theirs.page, 'Enter');
  await expect.poll(async () => (await onServer())?.priority, { timeout: 20_000 }).not.toBe(before);

  // The merge keeps the levels aside field by field; the user sees the one change they made.
  await mine.context.setOffline(false);
  await expect(page.getByTestId('conflict-count')).toHaveText('1 conflict', { timeout: 30_000 });
  await keys(page, 'g', 'y');
  const conflict = page.getByTestId('conflict').filter({ hasText: label });
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('changed “priority”');
  await expect(conflict).toContainText(`Yours: ${before} → ${myPriority}`);
  // Theirs, or a step higher if the server raised it on a breach meanwhile; never this one's P1.
  await expect(conflict).toContainText(/Kept: P[234]\b/);
  await conflict.getByRole('button', { name: 'Re-apply mine' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Conflicts (0)' })).toBeVisible();
  await expect.poll(async () => (await onServer())?.priority, { timeout: 20_000 }).toBe(myPriority);

  await mine.context.close();
  await theirs.context.close();
});
