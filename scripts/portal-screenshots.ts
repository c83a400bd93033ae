/**
 * Screenshots of the requester portal for docs/portal.md: starts the server with the demo desk (in-memory database)
 * serving the portal build, signs in as the demo requester in Chromium, and writes docs/screenshots/portal-catalog.png,
 * portal-form.png (a form sent with required fields empty, each with its message) and portal-ticket.png (a submitted request
 * with the service desk's public reply).
 *
 *   npx vite build --config vite.portal.config.ts && npx tsx scripts/portal-screenshots.ts
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../server/app';
import { DEMO_PASSWORD } from '../server/demo/base-data';
import type { Ticket } from '../shared/domain/ticket';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** An agent of the Hardware queue answers through the sync API, as the workstation would. */
async function agentReplies(url: string, ticketId: string, body: string): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'priya.shah@demo.local', password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let master: Ticket | undefined;
  let checkpoint: number | undefined;
  for (;;) {
    const page = (await (
      await fetch(`${url}/api/sync/tickets/pull?limit=5000${checkpoint ? `&checkpoint=${checkpoint}` : ''}`, {
        headers,
      })
    ).json()) as { documents: Ticket[]; checkpoint: { seq: number } | null };
    master = page.documents.find((doc) => doc.id === ticketId) ?? master;
    if (page.documents.length < 5000) break;
    checkpoint = page.checkpoint?.seq;
  }
  if (!master) throw new Error('the agent cannot see the new ticket');
  const row = { ...master, _deleted: false };
  await fetch(`${url}/api/sync/tickets/push`, {
    method: 'POST',
    headers,
    body: JSON.stringify([
      { assumedMasterState: row, newDocumentState: { ...row, status: 'open', assigneeId: 'u-priya' } },
    ]),
  });
  const comment = {
    id: crypto.randomUUID(),
    ticketId,
    authorId: 'u-priya',
    body,
    visibility: 'public',
    createdAt: new Date().toISOString(),
    _deleted: false,
  };
  await fetch(`${url}/api/sync/comments/push`, {
    method: 'POST',
    headers,
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: comment }]),
  });
}

/** Moves the pointer out of the way (no hover states) and lets fonts settle. */
const settle = async (page: Page) => {
  await page.mouse.move(1, 1);
  await page.waitForTimeout(500);
};

async function main() {
  await mkdir(OUT, { recursive: true });
  const server = await startServer({
    port: 0,
    demo: { tickets: 300 },
    portalRoot: resolve(import.meta.dirname, '../dist/portal'),
    logger: false,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/portal/`);
    await page.getByRole('textbox', { name: 'Email' }).fill('requester@demo.local');
    await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What do you need?' }).waitFor();
    await settle(page);
    await page.screenshot({ path: `${OUT}/portal-catalog.png`, fullPage: true });

    await page.getByRole('link', { name: 'New laptop' }).click();
    await page.getByLabel('Short summary').fill('Laptop for the new design tools');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByRole('alert').first().waitFor();
    await settle(page);
    await page.screenshot({ path: `${OUT}/portal-form.png`, fullPage: true });

    await page.getByLabel('Model').selectOption('Performance 16"');
    await page.getByLabel('Needed by').fill('2030-03-02');
    await page.getByLabel('Reason').fill('My current laptop is five years old and cannot run the new design tools.');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByText('Request submitted').waitFor();
    const ticketId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
    await agentReplies(
      server.url,
      ticketId,
      'Hi Rita, we have a Performance 16" in stock. I will set it up with your profile and bring it over on Monday.',
    );
    await page.reload();
    await page.getByText('we have a Performance 16"').waitFor();
    await page.getByLabel('Your message to the service desk').fill('Great, thank you! Monday morning works for me.');
    await settle(page);
    await page.screenshot({ path: `${OUT}/portal-ticket.png`, fullPage: true });
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`portal screenshots written to ${OUT}`);
}

await main();
