import { expect, test } from '@playwright/test';
import {
  activeRow,
  appServerPerFile,
  DEMO_PASSWORD,
  focusList,
  keys,
  signIn,
  ticketList,
  ticketsOnServer,
} from './app-fixture';

const app = appServerPerFile();

test('when the session expires, changes are kept; signing in again sends them', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';

  // The token's time runs out on the server, as after a long shift away.
  await app.server.db.query('UPDATE sessions SET expires_at = $1 WHERE user_id = $2', [
    new Date(Date.now() - 60_000).toISOString(),
    'u-agent',
  ]);
  await keys(page, 'a');
  await expect(page.getByTestId('announcer')).toHaveText('Assigned the ticket to you');

  const banner = page.getByRole('alert').filter({ hasText: 'Your session has expired' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('Your changes are kept on this device');
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending');
  // Work goes on locally while signed out.
  await expect(ticketList(page)).toBeVisible();
  expect((await ticketsOnServer(app.server, [label]))[0]?.assigneeId).toBe('');

  await banner.getByRole('button', { name: 'Sign in again' }).click();
  const dialog = page.getByRole('dialog');
  // The server is fixed and the email remembered: only the password is asked for.
  await expect(dialog.getByTestId('signin-server')).toHaveText(app.url);
  await expect(dialog.getByRole('button', { name: 'Change server' })).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: 'Email' })).toHaveValue('agent@demo.local');
  await dialog.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();

  await expect(dialog).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  await expect.poll(async () => (await ticketsOnServer(app.server, [label]))[0]?.assigneeId).toBe('u-agent');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online');
});
