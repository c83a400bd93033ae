import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { RunningServer } from '../../server/app';
import { nextTicketNumber } from '../../server/sync/push-tickets';
import { loadReferenceData } from '../../server/sync/reference';
import { withServerFields } from '../../server/sync/ticket-fields';
import { insertTicket, updateTicket } from '../../server/ticket-writes/write';
import { type Ticket, ticketLabel } from '../../shared/domain/ticket';
import { makeTicket } from '../../shared/testing/fixtures';
import {
  activeRow,
  appServerPerFile,
  focusList,
  keys,
  openByLabel,
  openField,
  signIn,
  ticketList,
} from './app-fixture';

/**
 * Issue 19, faults 5 and 6: the list, the detail pane, the views and the workload agree on every SLA clock; a change
 * that breaches a clock at once is confirmed first; what the server's SLA scheduler changes on its own reaches the
 * ticket's assignee with its reason. Tickets with a known timeline are written through the server's own write path.
 */
const app = appServerPerFile();
const MINUTE = 60_000;

/** A ticket as the server writes it (SLA fields by the engine), created `minutesAgo` before now; replicas pull it. */
async function addTicket(server: RunningServer, minutesAgo: number, patch: Partial<Ticket>): Promise<Ticket> {
  const reference = await loadReferenceData(server.db);
  const now = new Date();
  const createdAt = new Date(now.getTime() - minutesAgo * MINUTE);
  return server.db.transaction(async (tx) => {
    const ticket = withServerFields({
      client: makeTicket({
        id: randomUUID(),
        title: `SLA check ${patch.priority ?? ''} ${minutesAgo} min`,
        createdAt: createdAt.toISOString(),
        ...patch,
      }),
      before: null,
      newNumber: await nextTicketNumber(tx),
      now,
      // The creation time is kept, as for a ticket created on a device that was offline since then.
      earliestCreatedAt: createdAt,
      reference,
    });
    await insertTicket(server.db, tx, ticket, { actorId: 'u-agent', deviceId: 'e2e' });
    return ticket;
  });
}

/** A person's change as a push makes it: the server fields (pauses, SLA) follow. */
async function changeTicket(server: RunningServer, id: string, patch: Partial<Ticket>): Promise<void> {
  const reference = await loadReferenceData(server.db);
  await server.db.transaction(async (tx) => {
    const found = await tx.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1 FOR UPDATE', [id]);
    const before = found.rows[0]?.doc;
    if (!before) throw new Error(`no ticket ${id}`);
    const after = withServerFields({
      client: { ...before, ...patch },
      before,
      newNumber: 0,
      now: new Date(),
      reference,
    });
    await updateTicket(server.db, tx, before, after, { actorId: 'u-agent', deviceId: 'e2e' });
  });
}

const network = { queueId: 'q-network', status: 'open' as const };
const P1 = { impact: 1, urgency: 1, priority: 'P1' } as const;
const P3 = { impact: 2, urgency: 2, priority: 'P3' } as const;
const P4 = { impact: 3, urgency: 3, priority: 'P4' } as const;

/** The countdown a row shows, without its clock label: `−3d 9h`, `5m 07s`, `Paused`. */
const rowTime = (row: Locator) =>
  row.locator('.sla').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const part of copy.querySelectorAll('.sla-clock, .sr-only')) part.remove();
    return (copy.textContent ?? '').trim();
  });

/** A pane clock's text in the row's terms: `3h 04m left` → `3h 04m`, `3h 04m over` → `−3h 04m`. */
const asRowTime = (text: string) =>
  text.startsWith('Paused')
    ? 'Paused'
    : text.endsWith(' over')
      ? `−${text.slice(0, -' over'.length)}`
      : text.replace(/ left$/, '');

const paneClock = (page: Page, clock: string) =>
  page
    .getByRole('group', { name: 'SLA clocks' })
    .locator('[data-sla-state]')
    .filter({ hasText: `${clock}:` });

test('a supervisor starts on All open tickets, which has rows', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await expect(page.getByRole('heading', { name: /^All open tickets/, level: 1 })).toBeVisible();
  await focusList(page);
  await expect(activeRow(page)).toHaveCount(1);
});

test('each row shows the same clock, state and business time as the detail pane', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^All open tickets/ })
    .click();
  await focusList(page);
  for (let i = 0; i < 10; i++) {
    const row = activeRow(page);
    const clock = ((await row.locator('.sla').getAttribute('title')) ?? '').split(' ')[0] ?? '';
    expect(['Response', 'Resolution']).toContain(clock);
    await keys(page, 'Enter');
    // Read together, so a second ticking between the two reads is retried rather than reported.
    await expect
      .poll(async () => {
        const badge = paneClock(page, clock);
        const text = ((await badge.textContent()) ?? '').replace(`${clock}: `, '');
        return [await row.locator('.sla').getAttribute('data-sla-state'), await rowTime(row)].join(' ') ===
          [await badge.getAttribute('data-sla-state'), asRowTime(text)].join(' ')
          ? 'same'
          : `row ${await row.locator('.sla').getAttribute('data-sla-state')} ${await rowTime(row)}, pane ${await badge.getAttribute('data-sla-state')} ${text}`;
      })
      .toBe('same');
    // The row names its clock.
    await expect(row.locator('.sla-clock')).toHaveText(clock === 'Response' ? 'Resp' : 'Res');
    await keys(page, 'Escape');
    await expect(ticketList(page)).toBeFocused();
    await keys(page, 'j');
  }
});

test('a paused clock past its target says how far over it is, never a negative time left', async ({ page }) => {
  // Open for 25 hours of a 24-hour (24×7) resolution target, then waiting on the requester.
  const ticket = await addTicket(app.server, 25 * 60, { ...network, ...P3 });
  await changeTicket(app.server, ticket.id, { status: 'on_hold' });
  await signIn(page, app.url, 'supervisor@demo.local');
  await openByLabel(page, ticketLabel(ticket));
  const badge = paneClock(page, 'Resolution');
  await expect(badge).toHaveAttribute('data-sla-state', 'paused');
  await expect(badge).toHaveText('Resolution: Paused · 1h 00m over');
});

test('Breaching soon holds the tickets in warning by their policy, counted the same in the sidebar and workload', async ({
  page,
}) => {
  // Due in 13 minutes, but P1 warns only at 80 % of its 15: not breaching soon. 100 of 120 minutes: in warning.
  const fresh = await addTicket(app.server, 2, { ...network, ...P1 });
  const warned = await addTicket(app.server, 100, { ...network, ...P3, status: 'new' });
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 's');
  await focusList(page);
  const rows = page.locator('.ticket-row');
  await expect(rows.filter({ hasText: ticketLabel(warned) })).toHaveCount(1);
  await expect(rows.filter({ hasText: ticketLabel(fresh) })).toHaveCount(0);
  const count = await rows.count();
  for (let i = 0; i < count; i++)
    await expect(rows.nth(i).locator('.sla')).toHaveAttribute('data-sla-state', 'warning');
  const views = page.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('button', { name: /^Breaching soon/ }).getByLabel(`${count} open`)).toBeVisible();

  await keys(page, 'g', 'w');
  const queueRows = page.getByRole('table').nth(1).getByRole('row');
  await expect(queueRows.nth(1).getByRole('cell').nth(2)).toHaveText(/^\d+$/);
  let total = 0;
  for (let i = 1; i < (await queueRows.count()); i++)
    total += Number(await queueRows.nth(i).getByRole('cell').nth(2).textContent());
  expect(total).toBe(count);
});

test('raising the priority so that a clock breaches at once asks first; the server then leaves it as set', async ({
  page,
}) => {
  // P4 allows 4 h to respond; an hour in, P2 allows 30 minutes: setting P2 breaches the response clock at once.
  const ticket = await addTicket(app.server, 60, { ...network, ...P4, assigneeId: 'u-agent' });
  const label = ticketLabel(ticket);
  await signIn(page, app.url, 'agent@demo.local');
  await openByLabel(page, label);
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  await pane.focus();

  const choose = async (priority: string) => {
    await openField(page, 'p');
    await page.keyboard.type(priority);
    await keys(page, 'Enter');
  };
  await choose('P2');
  const confirm = page.getByRole('dialog', { name: 'Breach the SLA now?' });
  await expect(confirm).toContainText(`Setting priority P2 breaches the response target of ${label} at once.`);
  await expect(confirm.getByRole('button', { name: /Change anyway/ })).toBeFocused();
  await keys(page, 'Escape');
  await expect(confirm).toHaveCount(0);
  await expect(pane).toBeFocused();
  await expect(pane.getByRole('button', { name: 'Priority: change' })).toContainText('P4 Low');

  await choose('P2');
  await expect(confirm).toBeVisible();
  await keys(page, 'Enter');
  await expect(confirm).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Priority: change' })).toContainText('P2 High');
  await expect(paneClock(page, 'Response')).toHaveAttribute('data-sla-state', 'breached');
  await expect(pane).toBeFocused();

  // The server records the breach and tells the assignee, and leaves the priority as the agent set it.
  await expect(page.getByTestId('escalation-toast').filter({ hasText: label })).toContainText(
    'breached its first response target',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('escalation-toast').filter({ hasText: label })).not.toContainText('priority raised');
  const { rows } = await app.server.db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1', [ticket.id]);
  expect(rows[0]?.doc.priority).toBe('P2');
});

test('when the server raises a priority on a breach, the assignee is told why, in the app and natively', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    Object.assign(window, { shownNotices: shown });
    // The browser's notifications, recorded: what the desktop shell would show natively.
    window.Notification = class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
    } as unknown as typeof Notification;
  });
  await signIn(page, app.url, 'agent@demo.local');
  // The Network policy raises the priority on a breach; this P3's response clock (2 h) breaches in a few seconds.
  const ticket = await addTicket(app.server, 120 - 0.1, { ...network, ...P3, assigneeId: 'u-agent' });
  const label = ticketLabel(ticket);
  const toast = page.getByTestId('escalation-toast').filter({ hasText: label });
  await expect(toast).toContainText('breached its first response target; priority raised P3 → P2 by its SLA policy', {
    timeout: 60_000,
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotices: { title: string }[] }).shownNotices))
    .toContainEqual({
      title: `${label} breached its first response target; priority raised P3 → P2 by its SLA policy`,
      body: ticket.title,
    });
  await openByLabel(page, label);
  await expect(page.getByRole('list', { name: 'SLA events' })).toContainText(
    'SLA: breached its first response target; priority raised P3 → P2 by its SLA policy',
  );
  await expect(page.getByRole('button', { name: 'Priority: change' })).toContainText('P2 High');
});
