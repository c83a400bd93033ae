import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { WorkingSetAnswer } from '../../shared/server-api/admin';
import { appServerPerFile, keys, openPalette, sessionHeaders, signIn } from './app-fixture';
import { wentOffline } from './sync-helpers';

/**
 * Tickets outside the working set: an admin keeps done tickets on workstations for a week, so the demo desk's older
 * closed ones (closed 3–60 days ago) are on the server only. The palette finds them there, by title or number, and
 * opens them read-only; b brings one to this device to be worked on; offline the palette says it searched this
 * device only.
 */
const app = appServerPerFile();
const DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;
/** Where the screenshots go (SCREENSHOTS_DIR; outside test-results/, which each run empties). */
const SHOTS = process.env.SCREENSHOTS_DIR ?? resolve(import.meta.dirname, '../../.scratch/screenshots');

interface Old {
  label: string;
  number: number;
  title: string;
}

/** The admin sets the working set's days over HTTP, then waits until the server has moved its cutoff there. */
async function keepDoneTicketsFor(days: number): Promise<void> {
  const asked = Date.now();
  const headers = await sessionHeaders(app.url);
  const set = await fetch(`${app.url}/api/admin/working-set`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ days }),
  });
  expect(set.status, await set.text()).toBe(200);
  await expect
    .poll(async () => {
      const { cutoff } = (await (
        await fetch(`${app.url}/api/admin/working-set`, { headers })
      ).json()) as WorkingSetAnswer;
      return cutoff !== null && Date.parse(cutoff) >= asked - days * DAY;
    })
    .toBe(true);
}

/** The desk's tickets as the working set splits them: titles a workstation holds, and the done tickets left out. */
async function desk(): Promise<{ held: string[]; old: Old[] }> {
  const { rows } = await app.server.db.query<{ title: string; number: number; type: string; old: boolean }>(
    `SELECT doc->>'title' AS title, number, doc->>'type' AS type,
            (done_at IS NOT NULL AND done_at <= (SELECT cutoff FROM working_set)) AS old
       FROM tickets WHERE NOT deleted ORDER BY number`,
  );
  const prefix: Record<string, string> = { incident: 'INC', service_request: 'REQ', problem: 'PRB', change: 'CHG' };
  return {
    held: rows.filter((r) => !r.old).map((r) => r.title.toLowerCase()),
    old: rows
      .filter((r) => r.old)
      .map((r) => ({ label: `${prefix[r.type]}-${r.number}`, number: r.number, title: r.title })),
  };
}

/**
 * Done tickets the working set left out, whose title only they have: no ticket on a workstation has it in its title,
 * so the server's answer is the palette's first entry.
 */
async function oldTickets(): Promise<Old[]> {
  const { held, old } = await desk();
  return old
    .filter((t) => old.filter((other) => other.title === t.title).length === 1)
    .filter((t) => !held.some((title) => title.includes(t.title.toLowerCase())));
}

/** The first two words of an old ticket's title that titles on the workstation start with too. */
async function wordsOfBoth(): Promise<string> {
  const { held, old } = await desk();
  const words = old
    .map((t) => t.title.split(' ').slice(0, 2).join(' '))
    .find((start) => held.some((title) => title.startsWith(start.toLowerCase())));
  if (!words) throw new Error('the demo desk has titles that start alike');
  return words;
}

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
}

test.beforeAll(async () => {
  await keepDoneTicketsFor(DAYS);
});

test('the palette lists tickets found on the server after those on this device', async ({ page }) => {
  const words = await wordsOfBoth();
  await signIn(page, app.url, 'supervisor@demo.local');
  await openPalette(page);
  await page.keyboard.type(words);
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  const onServer = dialog.getByRole('group', { name: 'On the server' });
  await expect(onServer.getByRole('button').first()).toBeVisible({ timeout: 20_000 });
  const groups = await dialog.getByRole('group').evaluateAll((list) => list.map((g) => g.getAttribute('aria-label')));
  expect(groups.indexOf('Tickets'), 'local tickets are listed').toBeGreaterThanOrEqual(0);
  expect(groups.at(-1)).toBe('On the server');
  await shoot(page, 'palette-server-results');
});

test('the palette finds closed tickets on the server, by title or number, and opens them read-only', async ({
  page,
}) => {
  const [byTitle, byNumber] = await oldTickets();
  if (!byTitle || !byNumber) throw new Error('the demo desk has old closed tickets of their own titles');
  await signIn(page, app.url, 'supervisor@demo.local');

  await openPalette(page);
  await page.keyboard.type(byTitle.title);
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  const onServer = dialog.getByRole('group', { name: 'On the server' });
  const entry = onServer.getByRole('button', { name: `${byTitle.label} ${byTitle.title}`, exact: false });
  await expect(entry).toBeVisible({ timeout: 20_000 });
  await expect(entry).toHaveAccessibleName(/\((Closed|Resolved) \d{4}-\d{2}-\d{2}\)$/);
  await expect(dialog.getByRole('group', { name: 'Tickets' }), 'not on this device').toHaveCount(0);
  await shoot(page, 'palette-server-first');

  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${byTitle.label}` });
  await expect(pane.getByRole('heading', { name: byTitle.title })).toBeVisible();
  await expect(pane.getByTestId('server-copy-banner')).toHaveText(
    new RegExp(
      `^Not on this device: read from the server at .+, read-only\\. Closed tickets older than ${DAYS} days are kept on the server only\\.Work on it here B$`,
    ),
  );
  await expect(pane.getByRole('button', { name: /: change$/ })).toHaveCount(0);
  await expect(pane.getByRole('button', { name: /^(Reply|Internal note)/ })).toHaveCount(0);
  await shoot(page, 'read-only-pane');

  // Keys that would change it are refused, with the reason; nothing opens.
  await expect(pane).toBeFocused();
  for (const key of ['s', 'e', 'r', 'a']) {
    await keys(page, key);
    await expect(page.getByTestId('announcer')).toHaveText(
      /not on this device: press B to bring it here and work on it/,
    );
  }
  await expect(pane.getByRole('textbox')).toHaveCount(0);
  // Nor does the palette offer them.
  await openPalette(page);
  await page.keyboard.type('status');
  await expect(dialog.getByRole('button', { name: 'Set status…' })).toHaveCount(0);
  await keys(page, 'Escape');

  // A number not on this device: Enter, typed at once, waits for the server and opens it.
  await openPalette(page);
  await page.keyboard.type(String(byNumber.number));
  await keys(page, 'Enter');
  const second = page.getByRole('region', { name: `Ticket ${byNumber.label}` });
  await expect(second.getByTestId('server-copy-banner')).toBeVisible({ timeout: 20_000 });
  await expect(second.getByRole('heading', { name: byNumber.title })).toBeVisible();
});

test('a closed ticket on the server is brought to this device with b, and worked on there like any other', async ({
  page,
}) => {
  // The last of them: the tests before use the first ones, which must stay on the server only.
  const old = (await oldTickets()).at(-1);
  if (!old) throw new Error('the demo desk has old closed tickets');
  await signIn(page, app.url, 'supervisor@demo.local');
  await openPalette(page);
  await page.keyboard.type(String(old.number));
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${old.label}` });
  await expect(pane.getByTestId('server-copy-banner')).toBeVisible({ timeout: 20_000 });
  await expect(pane).toBeFocused();
  // The palette offers it too, while a read-only ticket is on screen.
  await openPalette(page);
  await page.keyboard.type('bring');
  await expect(
    page.getByRole('dialog', { name: 'Command palette' }).getByRole('button', { name: /Bring to this device/ }),
  ).toBeVisible();
  await keys(page, 'Escape');
  await pane.focus();

  await keys(page, 'b');
  await expect(pane.getByTestId('server-copy-banner'), 'pulled into the replica').toHaveCount(0, { timeout: 20_000 });
  await expect(pane.getByRole('button', { name: 'Title: change' })).toBeVisible();
  await keys(page, 'n');
  await expect(pane.getByRole('textbox', { name: /Internal note/ })).toBeFocused();
  await page.keyboard.type('Brought back to check the fix held.');
  await keys(page, 'Control+Enter');
  await expect(pane.getByRole('list', { name: 'Conversation' })).toContainText('Brought back to check the fix held.');
  await shoot(page, 'brought-back');
  await expect
    .poll(async () => {
      const { rows } = await app.server.db.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM comments c JOIN tickets t ON t.id = c.ticket_id
          WHERE t.number = $1 AND c.doc->>'body' = 'Brought back to check the fix held.'`,
        [old.number],
      );
      return rows[0]?.n;
    }, 'the note reached the server')
    .toBe(1);
});

test('offline, the palette says it searched this device only', async ({ page, context }) => {
  const [old] = await oldTickets();
  if (!old) throw new Error('the demo desk has old closed tickets');
  await signIn(page, app.url, 'agent@demo.local');
  await context.setOffline(true);
  await wentOffline(page);

  await openPalette(page);
  await page.keyboard.type(old.title);
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog.getByTestId('palette-server-note')).toHaveText(
    'Searched this device only: connect to find older tickets on the server.',
    { timeout: 20_000 },
  );
  await expect(dialog.getByRole('group', { name: 'On the server' })).toHaveCount(0);
  await shoot(page, 'palette-offline');
});
