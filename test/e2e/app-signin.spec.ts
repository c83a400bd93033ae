import { expect, test } from '@playwright/test';
import { appServerPerFile, DEMO_PASSWORD, signIn, ticketList } from './app-fixture';

const app = appServerPerFile();

test('a wrong password is named as such and nothing opens', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('textbox', { name: 'Email' }).fill('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await expect(ticketList(page)).toHaveCount(0);
});

test('an unreachable server is named, with the address', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('textbox', { name: 'Server' }).fill('http://127.0.0.1:9');
  await page.getByRole('textbox', { name: 'Email' }).fill('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Cannot reach http://127.0.0.1:9');
});

test('signing in opens the queue, and a reload resumes the session from the replica', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await expect(ticketList(page)).toBeVisible();
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.reload();
  await expect(ticketList(page)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
});

test('the sign-in screen remembers the server and email', async ({ page }) => {
  await signIn(page, app.url, 'technician@demo.local');
  await page.getByRole('button', { name: /Taylor|Technician/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('technician@demo.local');
  await expect(page.getByRole('textbox', { name: 'Server' })).toHaveValue(app.url);
});
