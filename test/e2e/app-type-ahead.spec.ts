import { expect, type Page, test } from '@playwright/test';
import { PRIORITIES } from '../../shared/domain/priority';
import {
  activeRow,
  appServerPerFile,
  confirmBreachIfAsked,
  focusList,
  keys,
  signIn,
  ticketList,
  ticketsOnServer,
} from './app-fixture';

const app = appServerPerFile();

/**
 * Keys typed in one burst right after the key that opens a picker, the palette or a composer, on a slow machine:
 * Chromium's CPU is throttled 6× through the DevTools protocol, and the whole burst is handed to the browser at once
 * (each key still a real key press, in order), as a fast typist's keys reach a busy page before it has rendered what
 * the first key opened. Every key must be delivered, in order: the assertions are on what the keys did, never on time.
 */
type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

const NAMED: Record<string, { code: string; keyCode: number; text?: string }> = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  Escape: { code: 'Escape', keyCode: 27 },
  Tab: { code: 'Tab', keyCode: 9 },
  Backspace: { code: 'Backspace', keyCode: 8 },
  ArrowDown: { code: 'ArrowDown', keyCode: 40 },
  ArrowUp: { code: 'ArrowUp', keyCode: 38 },
  ' ': { code: 'Space', keyCode: 32, text: ' ' },
  '.': { code: 'Period', keyCode: 190, text: '.' },
  ',': { code: 'Comma', keyCode: 188, text: ',' },
};

/** The key-down and key-up events of `chord` (`x`, `X`, `Enter`, `Control+k`) as Input.dispatchKeyEvent takes them. */
function keyEvents(chord: string): Record<string, unknown>[] {
  const parts = chord.length > 1 ? chord.split('+') : [chord];
  const key = parts.pop() ?? '';
  const ctrl = parts.includes('Control');
  const named = NAMED[key];
  const letter = /^[a-z]$/i.test(key);
  const digit = /^\d$/.test(key);
  if (!named && !letter && !digit) throw new Error(`no key code for ${chord}`);
  const shift = letter && key !== key.toLowerCase();
  const base = named ?? {
    code: letter ? `Key${key.toUpperCase()}` : `Digit${key}`,
    keyCode: key.toUpperCase().charCodeAt(0),
    text: key,
  };
  const common = {
    key,
    code: base.code,
    windowsVirtualKeyCode: base.keyCode,
    modifiers: (ctrl ? 2 : 0) | (shift ? 8 : 0),
  };
  const text = ctrl ? undefined : base.text;
  return [
    { type: text ? 'keyDown' : 'rawKeyDown', ...common, ...(text ? { text, unmodifiedText: text } : {}) },
    { type: 'keyUp', ...common },
  ];
}

/** Hands every key of `burst` to the browser at once (strings of more than one character are typed). */
async function burst(cdp: Cdp, ...sequence: string[]): Promise<void> {
  const chords = sequence.flatMap((s) => (s.length > 1 && !NAMED[s] && !s.includes('+') ? [...s] : [s]));
  await Promise.all(chords.flatMap(keyEvents).map((event) => cdp.send('Input.dispatchKeyEvent', event as never)));
}

async function throttled(page: Page, run: (cdp: Cdp) => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  try {
    await run(cdp);
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

const dialogs = (page: Page) => page.getByRole('dialog');

test.beforeEach(async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
});

test('arrows and Enter typed right after p choose the priority they point at', async ({ page }) => {
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  const priority = pane.getByRole('button', { name: 'Priority: change' });
  await expect(priority).toHaveText(/^P\d/);
  const current = PRIORITIES.indexOf(((await priority.textContent()) ?? '').slice(0, 2) as never);
  expect(current).toBeGreaterThanOrEqual(0);
  // Six arrows that end two options away from the current priority (the list stops at its ends), then Enter.
  const [away, back] = current < 2 ? ['ArrowDown', 'ArrowUp'] : ['ArrowUp', 'ArrowDown'];
  const arrows = [away, away, away, back, back, away];
  let expected = current;
  for (const arrow of arrows)
    expected = Math.max(0, Math.min(PRIORITIES.length - 1, expected + (arrow === 'ArrowDown' ? 1 : -1)));
  expect(expected).not.toBe(current);

  await throttled(page, (cdp) => burst(cdp, 'p', ...arrows, 'Enter'));
  // A raise that breaches a clock at once asks first; the priority chosen is the one the arrows pointed at.
  await confirmBreachIfAsked(page, priority.filter({ hasText: PRIORITIES[expected] ?? '?' }));
  await expect(dialogs(page)).toHaveCount(0);
});

test('Escape typed right after each picker opens closes it, and the keys after it move the list', async ({ page }) => {
  const first = (await activeRow(page).locator('.num').textContent()) ?? '';
  const third = (await page.locator('.ticket-row').nth(2).locator('.num').textContent()) ?? '';
  await throttled(page, (cdp) => burst(cdp, 's', 'Escape', 'p', 'Escape', 'm', 'Escape', 'j', 'j'));
  await expect(dialogs(page)).toHaveCount(0);
  await expect(activeRow(page).locator('.num')).toHaveText(third);
  expect(third).not.toBe(first);
  await expect(page.getByRole('listbox').first()).toBeFocused();
});

test('a query and Enter typed right after Ctrl+K run the command', async ({ page }) => {
  await throttled(page, (cdp) => burst(cdp, 'Control+k', 'go to breached', 'Enter'));
  await expect(dialogs(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Breached');
});

test('a reply typed right after r, line breaks and Ctrl+Enter included, is sent whole', async ({ page }) => {
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  await expect(pane).toBeVisible();
  await throttled(page, (cdp) => burst(cdp, 'r', 'Port reset.', 'Enter', 'Try again, please.', 'Control+Enter'));
  const conversation = pane.getByRole('list', { name: 'Conversation' });
  await expect(conversation).toContainText('Port reset.');
  await expect(conversation).toContainText('Try again, please.');
  await expect(pane.getByRole('textbox', { name: /Reply to requester/ })).toHaveCount(0);
  expect(await conversation.getByText(/Port reset\.\s*Try again, please\./).count()).toBe(1);
});

test('keys typed while a note is being sent act on the ticket once it is sent, not in the closing composer', async ({
  page,
}) => {
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  await keys(page, 'n');
  await expect(pane.getByRole('textbox', { name: /Internal note/ })).toBeFocused();
  await page.keyboard.type('Cable swapped.');
  await throttled(page, (cdp) => burst(cdp, 'Control+Enter', 's'));
  await expect(pane.getByRole('list', { name: 'Conversation' })).toContainText('Cable swapped.');
  await expect(page.getByRole('dialog', { name: 'Set status' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Set status: filter' })).toBeFocused();
  await expect(pane.getByRole('textbox', { name: /Internal note/ })).toHaveCount(0);
});

test('a whole triage typed in one burst at 4× throttling: every key acts, in order, on the ticket on screen', async ({
  page,
}) => {
  // My open tickets, in their SLA order: tags and internal notes leave that order alone.
  await keys(page, 'g', 'm');
  await focusList(page);
  const [first, second] = await page.locator('.ticket-row .num').allTextContents();
  expect(second).toBeTruthy();
  await throttled(page, async (cdp) => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await burst(
      cdp,
      ...['Enter', 't', ' vip', 'Enter'],
      ...['n', 'First note.', 'Control+Enter'],
      ...['Escape', 'j', 'n', 'Second note.', 'Control+Enter'],
      ...['Escape', 'Escape', 'g', 'b'],
    );
  });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Breached');
  await expect(page.getByRole('region', { name: /^Ticket / })).toHaveCount(0);
  await expect(dialogs(page)).toHaveCount(0);
  await expect(ticketList(page)).toBeFocused();

  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent', { timeout: 30_000 });
  const [one, two] = await ticketsOnServer(app.server, [first ?? '', second ?? '']);
  expect(one?.tags).toContain('vip');
  expect(two?.tags).not.toContain('vip');
  const notes = await app.server.db.query<{ ticket: string; body: string }>(
    "SELECT doc->>'ticketId' AS ticket, doc->>'body' AS body FROM comments WHERE doc->>'body' LIKE '%note.'",
  );
  expect(notes.rows.map((r) => [r.ticket, r.body]).sort()).toEqual(
    [
      [one?.id, 'First note.'],
      [two?.id, 'Second note.'],
    ].sort(),
  );
});
