import { expect, test } from '@playwright/test';
import { appServerPerFile, focusList, keys, openField, signIn } from './app-fixture';

const app = appServerPerFile();

test('a change the server refuses is shown in the sync panel with its reason, and can be discarded', async ({
  page,
  context,
}) => {
  await signIn(page, app.url, 'agent@demo.local');
  await keys(page, 'g', 'm');
  await focusList(page);

  // Offline, the agent moves a ticket into a queue they are not a member of (the demo agent works Service Desk and Network).
  await context.setOffline(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });
  await openField(page, 'm');
  await page.keyboard.type('Hardware');
  await keys(page, 'Enter');
  await expect(page.getByTestId('pending-count')).toHaveText(/^[1-9]\d* pending$/);

  await context.setOffline(false);
  await keys(page, 'g', 'y');
  const refusal = page.getByTestId('rejection');
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await expect(refusal.getByRole('alert')).not.toBeEmpty();
  await expect(refusal).toContainText('queueId');
  await refusal.getByRole('button', { name: 'Discard' }).click();
  await expect(refusal).toHaveCount(0);
});
