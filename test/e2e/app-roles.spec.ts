import { expect, type Page, test } from '@playwright/test';
import { appServerPerFile, focusList, keys, openPalette, signIn } from './app-fixture';

const app = appServerPerFile();

const workload = (page: Page) => page.getByRole('heading', { name: 'Workload', level: 1 });

/** What the palette offers for `query`, and what the `?` overlay lists. */
async function offered(page: Page, query: string): Promise<{ palette: string; help: string }> {
  await openPalette(page);
  await page.keyboard.type(query);
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog.getByRole('button').first().or(dialog.getByText('Nothing matches'))).toBeVisible();
  const palette = (await dialog.textContent()) ?? '';
  await keys(page, 'Escape');
  await expect(dialog).toHaveCount(0);
  await keys(page, '?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Go to My open tickets');
  const listed = (await help.textContent()) ?? '';
  await keys(page, 'Escape');
  await expect(help).toHaveCount(0);
  return { palette, help: listed };
}

test('an agent cannot open the Workload: g w says it is for supervisors, and no list offers it', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await keys(page, 'g', 'w');
  await expect(page.getByTestId('announcer')).toHaveText('Workload is only for supervisors and admins');
  await expect(workload(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Workload' })).toHaveCount(
    0,
  );
  const { palette, help } = await offered(page, 'workload');
  expect(palette).not.toContain('Go to Workload');
  expect(help).not.toContain('Go to Workload');
  await expect(page.getByRole('listbox').first()).toBeFocused();
});

test('a supervisor opens the Workload with g w, and finds it in the palette and the ? overlay', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  const { palette, help } = await offered(page, 'workload');
  expect(palette).toContain('Go to Workload');
  expect(help).toContain('Go to Workload');
  await keys(page, 'g', 'w');
  await expect(workload(page)).toBeVisible();
});

test('a technician is not offered what their role cannot change: assignee, queue and requester', async ({ page }) => {
  await signIn(page, app.url, 'technician@demo.local');
  await focusList(page);
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: /^Ticket / });
  await expect(pane).toBeVisible();
  // The pane shows who has it and where, as text: no key hint, no button that would only be refused.
  await expect(pane.getByText('Assignee', { exact: true })).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Assignee: change' })).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Queue: change' })).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Requester: change' })).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Status: change' })).toBeVisible();

  // The key says why, in the server's words, and changes nothing.
  await keys(page, 'Shift+A');
  await expect(page.getByTestId('announcer')).toHaveText('A technician cannot change the assignee');
  await keys(page, 'm');
  await expect(page.getByTestId('announcer')).toHaveText('A technician cannot change the queue');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const { palette, help } = await offered(page, 'assign');
  expect(palette).not.toContain('Assign to');
  expect(help).not.toContain('Assign to');
  expect(help).not.toContain('Move to queue');
  expect(help).toContain('Set status');
});
