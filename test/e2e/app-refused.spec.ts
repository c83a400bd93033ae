import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, openField, signIn, ticketsOnServer } from './app-fixture';

const app = appServerPerFile();

/**
 * Offline, the agent moves their first ticket into a queue they are not a member of (the demo agent works Service
 * Desk and Network); back online the server refuses it. Returns the ticket's label and the refusal in the sync panel.
 */
async function refusedMove(page: Page, context: BrowserContext) {
  await signIn(page, app.url, 'agent@demo.local');
  await keys(page, 'g', 'm');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';

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
  await expect(refusal).toContainText(label);
  return { label, refusal };
}

test('a change the server refuses is shown in the sync panel with its reason, and can be discarded', async ({
  page,
  context,
}) => {
  const { refusal } = await refusedMove(page, context);
  await expect(refusal.getByRole('alert')).toContainText('not a member');
  await expect(refusal).toContainText('Your change: queue → Hardware');
  await refusal.getByRole('button', { name: 'Discard' }).click();
  await expect(refusal).toHaveCount(0);
});

test('a refused change can be edited and sent again: the edited value reaches the server', async ({
  page,
  context,
}) => {
  const { label, refusal } = await refusedMove(page, context);
  const [before] = await ticketsOnServer(app.server, [label]);
  const target = before?.queueId === 'q-network' ? 'Service Desk' : 'Network';

  await refusal.getByRole('button', { name: 'Edit' }).click();
  // The queue is chosen by name, as in the m picker, not typed as an id.
  await refusal.getByLabel('queue', { exact: true }).click();
  await page.getByRole('option', { name: target, exact: true }).click();
  await refusal.getByRole('button', { name: 'Retry with edits' }).click();
  await expect(refusal).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Refused changes (0)' })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
  await expect
    .poll(async () => (await ticketsOnServer(app.server, [label]))[0]?.queueId)
    .toBe(target === 'Network' ? 'q-network' : 'q-service-desk');
});
