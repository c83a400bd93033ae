import { expect, test } from '@playwright/test';
import {
  activeRow,
  appServerPerFile,
  confirmBreachIfAsked,
  focusList,
  keys,
  newSignedInPage,
  openField,
  openPalette,
  signIn,
} from './app-fixture';
import { seriousViolations } from './axe';

const app = appServerPerFile();

test('edits made offline are kept, then reach a second workstation when back online', async ({ browser }) => {
  const tech = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const other = await newSignedInPage(browser, app.url, 'supervisor@demo.local');
  const { page, context } = tech;

  await keys(page, 'g', 'b');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });

  await context.setOffline(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });

  await openField(page, 'p');
  await page.keyboard.type('P1');
  await keys(page, 'Enter');
  await confirmBreachIfAsked(page, pane.getByRole('button', { name: 'Priority: change' }).filter({ hasText: 'P1' }));
  await expect(pane.getByRole('button', { name: 'Priority: change' })).toHaveText('P1 Critical');
  await openField(page, 'n');
  await page.keyboard.type('Replaced the switch on site, no signal in the basement.');
  await keys(page, 'Control+Enter');
  await expect(page.getByRole('textbox', { name: /Reply to requester|Internal note/ })).toHaveCount(0);
  await expect(pane.getByRole('list', { name: 'Conversation' })).toContainText('Replaced the switch on site');
  await expect(page.getByTestId('pending-count')).toHaveText(/^[1-9]\d* pending$/);

  // The sync panel reassures: the work is on this device.
  await keys(page, 'g', 'y');
  await expect(page.getByTestId('sync-summary')).toContainText('saved on this device');
  await keys(page, 'Escape');
  // Signing out now would keep the unsent work on this device, and the user menu says so.
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('sign-out-pending')).toContainText(
    /not sent yet: signing out keeps them on this device/,
  );
  await keys(page, 'Escape');

  await context.setOffline(false);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });

  // The second workstation sees both changes.
  const otherPage = other.page;
  await openPalette(otherPage);
  await otherPage.keyboard.type(label.replace(/^\D+/, ''));
  await expect(otherPage.getByRole('dialog').getByRole('button').filter({ hasText: label })).toBeVisible();
  await keys(otherPage, 'Enter');
  const otherPane = otherPage.getByRole('region', { name: `Ticket ${label}` });
  await expect(otherPane.getByRole('button', { name: 'Priority: change' })).toHaveText('P1 Critical', {
    timeout: 30_000,
  });
  await expect(otherPane.getByRole('list', { name: 'Conversation' })).toContainText('Replaced the switch on site', {
    timeout: 30_000,
  });
  await expect(otherPane.getByRole('list', { name: 'Conversation' })).toContainText('Internal note');

  await tech.context.close();
  await other.context.close();
});

test('the top bar and the sync panel say whether the network is gone or the server is unreachable', async ({
  page,
  context,
}) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const state = page.getByTestId('connection-state');
  const indicator = page.getByTestId('sync-indicator');

  // No network on this computer.
  await context.setOffline(true);
  await expect(state).toHaveText('No network');
  await expect(indicator).toHaveAttribute('data-reason', 'no-network');
  await keys(page, 'g', 'y');
  await expect(page.getByTestId('sync-panel-state')).toHaveText('No network');
  await expect(page.getByTestId('connection-detail')).toContainText('not connected to a network');
  await keys(page, 'Escape');
  await context.setOffline(false);
  await expect(state).toHaveText('Online', { timeout: 30_000 });

  // The network is fine, but the server refuses connections: an edit cannot go out, and the top bar says why.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await keys(page, 'g', 'u');
  await focusList(page);
  await keys(page, 'a');
  await expect(state).toHaveText('Server unreachable', { timeout: 30_000 });
  await expect(indicator).toHaveAttribute('data-reason', 'server-unreachable');
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending');
  expect(await seriousViolations(page)).toEqual([]);
  await keys(page, 'g', 'y');
  await expect(page.getByTestId('sync-panel-state')).toHaveText('Server unreachable');
  await expect(page.getByTestId('connection-detail')).toContainText(
    'The network is up, but the server does not answer',
  );
  await keys(page, 'Escape');

  await page.unroute('**/api/**');
  await expect(state).toHaveText('Online', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
});
