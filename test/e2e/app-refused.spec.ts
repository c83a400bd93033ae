import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  activeRow,
  appServerPerFile,
  focusList,
  keys,
  openByLabel,
  openField,
  setQueuesOf,
  signIn,
  ticketsOnServer,
} from './app-fixture';
import { tabTo, themeColor } from './sync-helpers';

const app = appServerPerFile();

/** An admin changes the demo agent's queues on the server, over HTTP, as the admin screen would. */
const setAgentQueues = (queueIds: string[]) => setQueuesOf(app.url, 'u-agent', queueIds);

/**
 * Offline, the agent moves a Service Desk ticket into Network, a queue they work (the workstation allows it). Meanwhile
 * an admin takes them off Network and puts them on Hardware; back online the server refuses the move. Returns the
 * ticket's label and the refusal in the sync panel.
 */
async function refusedMove(page: Page, context: BrowserContext) {
  await setAgentQueues(['q-service-desk', 'q-network']); // as in the demo (an earlier test changed them)
  await signIn(page, app.url, 'agent@demo.local');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Service Desk/ })
    .click();
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';

  await context.setOffline(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });
  await openField(page, 'm');
  await page.keyboard.type('Network');
  await keys(page, 'Enter');
  await expect(page.getByTestId('pending-count')).toHaveText(/^[1-9]\d* pending$/);
  await setAgentQueues(['q-service-desk', 'q-hardware']);

  await context.setOffline(false);
  // The top bar counts it in red, and the refusal is announced with the server's reason.
  await expect(page.getByTestId('refused-count')).toHaveText('1 refused', { timeout: 30_000 });
  const reason = `The server refused your change to ${label}: You cannot move tickets into queue "Network": you are not a member of it`;
  await expect(page.getByTestId('toast').filter({ hasText: 'refused' })).toContainText(reason);
  await expect(page.getByTestId('announcer')).toContainText(reason);
  await keys(page, 'g', 'y');
  const refusal = page.getByTestId('rejection');
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await expect(refusal).toContainText(label);
  return { label, refusal };
}

test('a change the server refuses is counted in red, shown with its reason, and discarded from the ticket’s pane', async ({
  page,
  context,
}) => {
  const { label, refusal } = await refusedMove(page, context);
  await expect(page.getByTestId('refused-count')).toHaveCSS('background-color', await themeColor(page, 'red'));
  await expect(page.getByTestId('sync-indicator')).toHaveAccessibleName(/1 refused change needs your attention/);
  await expect(refusal.getByRole('alert')).toContainText('not a member');
  await expect(refusal).toContainText('Your change: queue → Network');
  await keys(page, 'Escape');

  // The ticket's pane shows it too; the keyboard discards it there.
  await openByLabel(page, label);
  const banner = page.getByRole('region', { name: `Ticket ${label}` }).getByTestId('pane-refused');
  await expect(banner).toContainText('not a member');
  await expect(banner).toContainText('Your change: queue → Network');
  await tabTo(page, banner.getByRole('button', { name: 'Discard mine' }));
  await keys(page, 'Enter');
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('refused-count')).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
});

test('a refused change can be edited and sent again: the edited value reaches the server', async ({
  page,
  context,
}) => {
  const { label, refusal } = await refusedMove(page, context);
  // The workstation has heard of the agent's new queue: its tickets arrived.
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Hardware\D*[1-9]/ }),
  ).toBeVisible({ timeout: 30_000 });
  const target = 'Hardware';

  await refusal.getByRole('button', { name: 'Edit' }).click();
  // The queue is chosen by name, as in the m picker, not typed as an id.
  await refusal.getByLabel('queue', { exact: true }).click();
  await page.getByRole('option', { name: target, exact: true }).click();
  await refusal.getByRole('button', { name: 'Retry with edits' }).click();
  await expect(refusal).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Refused changes (0)' })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });
  await expect.poll(async () => (await ticketsOnServer(app.server, [label]))[0]?.queueId).toBe('q-hardware');
});
