import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../../server/app';
import { DEMO_PASSWORD, signIn } from './app-fixture';
import { seriousViolations } from './axe';

/**
 * The requester portal against the real server (in-memory PGlite, demo desk), which also serves the agent
 * workstation's web build: a request made in the portal reaches an agent's workstation through the live stream, and
 * the agent's public reply (not the internal note) reaches the requester.
 */
const PORTAL_ROOT = resolve(import.meta.dirname, '../../dist/portal');
const WEB_ROOT = resolve(import.meta.dirname, '../../dist/web');

let server: RunningServer;
test.describe.configure({ timeout: 240_000 });
test.beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    demo: { tickets: 600 },
    webRoot: WEB_ROOT,
    portalRoot: PORTAL_ROOT,
    logger: false,
  });
});
test.afterAll(async () => {
  await server?.close();
});

async function portalSignIn(page: Page, email = 'requester@demo.local'): Promise<void> {
  await page.goto(`${server.url}/portal/`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'What do you need?' })).toBeVisible();
}

test('a New laptop request reaches the Hardware queue at once; the requester sees the public reply and confirms', async ({
  browser,
}) => {
  // The agent's workstation, signed in and synced before the request exists, showing Hardware by last change.
  const desk = await browser.newContext();
  const agent = await desk.newPage();
  await signIn(agent, server.url, 'priya.shah@demo.local');
  await agent.getByRole('button', { name: /^Hardware/ }).click();
  await agent.getByRole('combobox', { name: 'Sort by' }).click();
  await agent.getByRole('option', { name: 'Recently updated' }).click();
  const firstRow = agent.locator('.ticket-row[aria-posinset="1"]');
  await expect(firstRow).toBeVisible();

  // The requester asks for a laptop.
  const portal = await browser.newContext();
  const requester = await portal.newPage();
  await portalSignIn(requester);
  await requester.getByRole('link', { name: 'New laptop' }).click();
  await requester.getByLabel('Model').selectOption('Standard 14"');
  await requester.getByLabel('Needed by').fill('2030-04-01');
  await requester.getByLabel('Reason').fill('The hinge of my old one broke.');
  await requester.getByRole('button', { name: 'Submit request' }).click();
  const heading = requester.getByRole('heading', { level: 1, name: /^REQ-\d+ · New laptop for Rita Requester$/ });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(requester.getByRole('status').filter({ hasText: 'Request submitted' })).toBeVisible();
  const label = ((await heading.textContent()) ?? '').split(' · ')[0] ?? '';
  const submittedAt = Date.now();

  // It is at the top of the agent's Hardware queue, pushed by the live stream (no reload, no polling).
  await expect(firstRow.locator('.num')).toHaveText(label, { timeout: 5_000 });
  test.info().annotations.push({ type: 'stream delay', description: `${Date.now() - submittedAt} ms` });

  // The agent opens it, replies publicly, adds an internal note and resolves it.
  await firstRow.click();
  await agent.keyboard.press('Enter');
  const pane = agent.getByRole('region', { name: `Ticket ${label}` });
  await expect(pane).toBeVisible();
  await agent.keyboard.press('r');
  await agent.keyboard.type('A Standard 14" is ready for you at the IT desk, room 2.14.');
  await agent.keyboard.press('Control+Enter');
  const thread = pane.getByRole('list', { name: 'Conversation' });
  await expect(thread).toContainText('A Standard 14" is ready for you');
  // The composer closes once the reply is stored; then the note, through its button.
  await pane.getByRole('button', { name: /^Internal note/ }).click();
  await pane
    .getByRole('textbox', { name: 'Internal note (staff only)' })
    .fill('Take it from the spare shelf, asset tag pending.');
  await agent.keyboard.press('Control+Enter');
  await expect(thread).toContainText('Take it from the spare shelf');
  await expect(pane.getByRole('button', { name: /^Internal note/ })).toBeVisible();
  await pane.getByRole('button', { name: 'Status: change' }).click();
  // Type once the picker's filter has focus, as a person who sees it open.
  await expect(agent.getByRole('combobox', { name: /: filter$/ })).toBeFocused();
  await agent.keyboard.type('Resolved');
  await agent.keyboard.press('Enter');
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('Resolved');
  await expect(agent.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 20_000 });

  // The requester sees the public reply, not the note, and confirms the resolution.
  await requester.reload();
  const conversation = requester.getByRole('list', { name: 'Conversation' });
  await expect(conversation).toContainText('A Standard 14" is ready for you at the IT desk');
  await expect(conversation).toContainText('Priya Shah (service desk)');
  await expect(requester.locator('body')).not.toContainText('spare shelf');
  await expect(requester.getByRole('region', { name: 'Is your problem solved?' })).toBeVisible();
  expect(await seriousViolations(requester), 'awaiting confirmation').toEqual([]);
  await requester.getByRole('button', { name: 'Yes, it is solved' }).click();
  await expect(requester.getByText('Closed', { exact: true })).toBeVisible();
  await expect(requester.getByText('This request is closed.')).toBeVisible();

  // And the workstation learns it is closed.
  await expect(pane.getByRole('button', { name: 'Status: change' })).toHaveText('Closed', { timeout: 10_000 });
  await desk.close();
  await portal.close();
});

test('the form names each field to fix, moves focus to the first, and a double click makes one request', async ({
  page,
}) => {
  await portalSignIn(page);
  await page.getByRole('link', { name: 'New laptop' }).click();
  await page.getByRole('button', { name: 'Submit request' }).click();

  const model = page.getByLabel('Model');
  await expect(model).toBeFocused();
  await expect(model).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await model.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy.split(' ')[0]}"]`)).toHaveText('is required');
  const summary = page.getByRole('alert').filter({ hasText: 'Please check these fields' });
  await expect(summary).toContainText('Model: is required');
  await expect(summary).toContainText('Needed by: is required');
  await summary.getByRole('button', { name: 'Needed by: is required' }).click();
  await expect(page.getByLabel('Needed by')).toBeFocused();

  await model.selectOption('Performance 16"');
  await page.getByLabel('Needed by').fill('2030-05-01');
  await page.getByLabel('Short summary').fill('Double-clicked laptop');
  await page.getByRole('button', { name: 'Submit request' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: /Double-clicked laptop/ })).toBeVisible();
  await page.getByRole('link', { name: 'My requests' }).first().click();
  await expect(page.getByRole('table', { name: 'My requests' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Double-clicked laptop/ })).toHaveCount(1);
});

test('the portal has no serious accessibility violations and works from the keyboard', async ({ page }) => {
  await page.goto(`${server.url}/portal/`);
  expect(await seriousViolations(page), 'sign-in').toEqual([]);
  await page.keyboard.type('requester@demo.local');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'What do you need?' })).toBeVisible();
  expect(await seriousViolations(page), 'catalog').toEqual([]);

  await page.getByRole('link', { name: 'Report an outage' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Report an outage' })).toBeFocused();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByLabel('Affected service')).toBeFocused();
  expect(await seriousViolations(page), 'form with errors').toEqual([]);

  await page.keyboard.press('ArrowDown');
  await page.getByLabel('Affected service').selectOption('VPN');
  await page.getByLabel('Short summary').fill('VPN drops every ten minutes');
  await page.getByRole('button', { name: 'Submit request' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^INC-\d+ · VPN drops every ten minutes$/ })).toBeVisible();
  expect(await seriousViolations(page), 'ticket').toEqual([]);

  await page.getByRole('link', { name: 'My requests' }).first().click();
  await expect(page.getByRole('table', { name: 'My requests' })).toBeVisible();
  expect(await seriousViolations(page), 'my requests').toEqual([]);
});

test('staff cannot use the portal', async ({ page }) => {
  await page.goto(`${server.url}/portal/`);
  await page.getByRole('textbox', { name: 'Email' }).fill('agent@demo.local');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This portal is for requesters: staff use the ITSM Workstation');
});
