import { expect, test } from '@playwright/test';
import { appServerPerFile, chooseServer, DEMO_PASSWORD, ticketList } from './app-fixture';

const app = appServerPerFile();

test('a wrong password is named as such and nothing opens', async ({ page }) => {
  await page.goto(app.url);
  // The web build signs in to the server it was loaded from unless told otherwise.
  await expect(page.getByTestId('signin-server')).toHaveText(app.url);
  await page.getByRole('textbox', { name: 'Email' }).fill('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await expect(ticketList(page)).toHaveCount(0);
});

test('the server is chosen first: an unreachable one is named, and after changing it sign-in works at the first try; a reload resumes on the view shown last, sign-out remembers the server and erases the replica, and the next sign-in starts on My open tickets', async ({
  page,
}) => {
  await page.goto(app.url);
  await chooseServer(page, 'http://127.0.0.1:9');
  await page.getByRole('textbox', { name: 'Email' }).fill('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Cannot reach http://127.0.0.1:9');

  // Back to the real server: one click on Sign in is enough.
  await chooseServer(page, app.url);
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(ticketList(page)).toBeVisible();
  await expect(page.getByRole('option').first()).toBeVisible();

  // A reload resumes the session, on the view shown last.
  await page.getByRole('navigation', { name: 'Views' }).getByText('All open tickets', { exact: true }).click();
  await expect(ticketList(page)).toHaveAttribute('aria-label', /^All (open )?tickets: /);
  await page.reload();
  await expect(ticketList(page)).toHaveAttribute('aria-label', /^All (open )?tickets: /);
  await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);

  // The replica lives in IndexedDB (RxDB's Dexie storage: one database per collection, named after the replica).
  const replicaFiles = () =>
    page.evaluate(async () =>
      (await indexedDB.databases()).flatMap((d) => (d.name?.startsWith('rxdb-dexie-itsm-') ? [d.name] : [])),
    );
  expect((await replicaFiles()).length).toBeGreaterThan(0);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('agent@demo.local');
  await expect(page.getByTestId('signin-server')).toHaveText(app.url);
  // Signing out erases the user's replica from this device.
  expect(await replicaFiles()).toEqual([]);

  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(ticketList(page)).toHaveAttribute('aria-label', /^My open tickets: /, { timeout: 60_000 });
});
