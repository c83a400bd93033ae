import { expect, type Page, test } from '@playwright/test';
import { activeRow, appServerPerFile, focusList, keys, signIn } from './app-fixture';

const app = appServerPerFile();

const views = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Views' });
const openPane = (page: import('@playwright/test').Page) => page.getByRole('region', { name: /^Ticket / });

test('Enter on a focused sidebar view shows that view and opens no ticket', async ({ page }) => {
  await signIn(page, app.url, 'agent@demo.local');
  await focusList(page);
  await views(page)
    .getByRole('button', { name: /^Unassigned/ })
    .focus();
  await keys(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Unassigned');
  await expect(openPane(page)).toHaveCount(0);
});

test('Enter on Reply, Save view and Distribute unassigned… does what the button says', async ({ page }) => {
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  const label = (await activeRow(page).locator('.num').textContent()) ?? '';
  await keys(page, 'Enter');
  const pane = page.getByRole('region', { name: `Ticket ${label}` });
  await expect(pane).toBeVisible();

  // Reply: the composer opens in the split view (Enter in the pane would have switched to the full view).
  await pane.getByRole('button', { name: /^Reply/ }).focus();
  await keys(page, 'Enter');
  await expect(pane.getByRole('textbox', { name: 'Reply to requester' })).toBeFocused();
  await expect(pane.getByRole('button', { name: 'Full view' })).toBeVisible();
  // Esc closes the composer, Esc again goes back to the list, and once more closes the ticket.
  await keys(page, 'Escape', 'Escape', 'Escape');

  // Save view: its name field, not a ticket.
  await expect(openPane(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save view' }).focus();
  await keys(page, 'Enter');
  await expect(page.getByRole('textbox', { name: 'Name of the saved view' })).toBeFocused();
  await keys(page, 'Escape');
  await expect(openPane(page)).toHaveCount(0);

  // Distribute unassigned…: its dialog, and the Workload stays on screen.
  await keys(page, 'g', 'w');
  await expect(page.getByRole('heading', { name: 'Workload' })).toBeVisible();
  const distribute = page.getByRole('button', { name: 'Distribute unassigned…' }).first();
  await expect(distribute).toBeEnabled({ timeout: 20_000 });
  await distribute.focus();
  await keys(page, 'Enter');
  await expect(page.getByRole('dialog', { name: /^Distribute unassigned tickets/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Workload' })).toBeVisible();
});

/**
 * Every control the workspace renders, found by walking it with Tab screen by screen, handles Enter and Space itself:
 * a button, link or menu item is activated (a click on it), a checkbox ticks with Space, a text field keeps the
 * keys, and no global shortcut runs (no ticket opens, the pane does not switch view, the screen stays). Clicks and
 * form submissions are stopped before the page sees them, so activating a control changes nothing and the next one
 * is tested on the same screen.
 */
interface Stop {
  probe: string;
  kind: string;
  name: string;
}

const ACTIVATED = new Set([
  'button',
  'link',
  'a',
  'menuitem',
  'option',
  'tab',
  'switch',
  'input:button',
  'input:submit',
]);
const TICKED = new Set(['checkbox', 'radio', 'input:checkbox', 'input:radio']);

/**
 * Tabs (or, in a menu, arrows) from where the focus is until it comes back to a control of this walk; tags each
 * with data-probe.
 */
async function tabStops(page: Page, step: string): Promise<Stop[]> {
  const stops: Stop[] = [];
  let outside = 0;
  for (let i = 0; i < 150; i++) {
    if (i > 0) await keys(page, step);
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const w = window as unknown as { probes?: number };
      if (!el.dataset.probe) {
        w.probes = (w.probes ?? 0) + 1;
        el.dataset.probe = String(w.probes);
      }
      const tag = el.tagName.toLowerCase();
      const kind = el.getAttribute('role') ?? (tag === 'input' ? `input:${(el as HTMLInputElement).type}` : tag);
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return { probe: el.dataset.probe, kind, name };
    });
    // Tab leaves the page once per round (to the browser): go on, unless it stays out.
    if (!stop) {
      if (++outside > 2) break;
      continue;
    }
    if (stops.some((s) => s.probe === stop.probe)) break;
    stops.push(stop);
  }
  return stops;
}

/** What a global shortcut would change: the screen's heading, the ticket shown and its view, the active row. */
const signature = (page: Page) =>
  page.evaluate(() => ({
    heading: document.querySelector('h1')?.textContent ?? '',
    pane: document.querySelector('[data-key-area="detail"]')?.getAttribute('aria-label') ?? null,
    full: [...document.querySelectorAll('button')].some((b) => b.textContent === 'Split view'),
    active: document.querySelector('.ticket-row[data-active="true"] .num')?.textContent ?? null,
    dialogs: [...document.querySelectorAll('[role="dialog"]')].map((d) => d.getAttribute('aria-label') ?? '').join('|'),
  }));

/** From now on clicks and submissions are recorded and stopped, while `stopping` (see `setUp`) is on. */
async function stopActivations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { clicked: string[]; stopping: boolean };
    w.clicked = [];
    w.stopping = true;
    window.addEventListener(
      'click',
      (e) => {
        if (!w.stopping) return;
        w.clicked.push((e.target as HTMLElement).closest<HTMLElement>('[data-probe]')?.dataset.probe ?? '?');
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      true,
    );
    window.addEventListener(
      'submit',
      (e) => {
        if (!w.stopping) return;
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      true,
    );
  });
}
/** Runs `steps` with clicks working (to set a screen up: Mantine's pickers choose options by clicking them). */
async function setUp(page: Page, steps: () => Promise<void>): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { stopping: boolean }).stopping = false;
  });
  await steps();
  await page.evaluate(() => {
    (window as unknown as { stopping: boolean }).stopping = true;
  });
}
const takeClicks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { clicked: string[] };
    return w.clicked.splice(0);
  });

const tested = new Map<string, string[]>();
const done = new Set<string>();

/** Enter and Space on each stop of the walk not tested yet (`tested` collects them by kind). */
async function checkStops(page: Page, screen: string, step = 'Tab'): Promise<void> {
  for (const stop of await tabStops(page, step)) {
    if (done.has(stop.probe) || ['listbox', 'section', 'region'].includes(stop.kind)) continue;
    done.add(stop.probe);
    const control = page.locator(`[data-probe="${stop.probe}"]`);
    const before = await signature(page);
    const what = `${screen}: ${stop.kind} “${stop.name}”`;
    const presses: string[] = ['Enter'];
    if (
      !['textbox', 'combobox', 'searchbox', 'textarea', 'spinbutton'].includes(stop.kind) &&
      !/^input:(text|search|number|date|email)$/.test(stop.kind)
    )
      presses.push(' ');
    for (const key of presses) {
      // Gone since the walk (a list re-rendered): it is met again, as a new element, in a later walk.
      if ((await control.count()) === 0) break;
      await control.focus();
      await takeClicks(page);
      await keys(page, key);
      const clicks = await takeClicks(page);
      // A control that is activated gets the click; others may click their own parts (a picker's option).
      const activates = ACTIVATED.has(stop.kind) || (key === ' ' && TICKED.has(stop.kind));
      if (activates) expect(clicks, `${what}: ${key === ' ' ? 'Space' : key} activates it`).toContain(stop.probe);
      else expect(clicks, `${what}: ${key === ' ' ? 'Space' : key} clicks nothing else`).not.toContain(stop.probe);
      expect(await signature(page), `${what}: ${key === ' ' ? 'Space' : key} runs no shortcut`).toEqual(before);
    }
    tested.set(stop.kind, [...(tested.get(stop.kind) ?? []), what]);
  }
}

test('Enter and Space on every focusable control reach the control, never a global shortcut', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, app.url, 'supervisor@demo.local');
  await keys(page, 'g', 'u');
  await focusList(page);
  await stopActivations(page);
  // The queue: top bar, views, filter bar.
  await page.getByRole('button', { name: 'Open command palette' }).focus();
  await checkStops(page, 'queue');
  // A ticket open beside the list: its fields, buttons and links.
  await focusList(page);
  await keys(page, 'Enter');
  await checkStops(page, 'ticket pane');
  // Writing a note: the composer's field and buttons.
  await keys(page, 'n');
  await checkStops(page, 'composer');
  await keys(page, 'Escape', 'Escape');
  // A selection: the bulk bar.
  await focusList(page);
  await keys(page, 'x');
  await checkStops(page, 'selection');
  await keys(page, 'Escape');
  // Dialogs and menus, each walked inside.
  const inDialog = async (screen: string, open: () => Promise<void>, step = 'Tab') => {
    await focusList(page);
    await setUp(page, open);
    await expect(page.getByRole('dialog').or(page.getByRole('menu')).first(), `${screen} is open`).toBeVisible();
    await checkStops(page, screen, step);
    // Esc closes what the last control opened (a picker's options), then the dialog.
    await expect(async () => {
      await keys(page, 'Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 1000 });
    }).toPass();
  };
  await inDialog('create form', async () => {
    await keys(page, 'c');
    const form = page.getByRole('dialog', { name: 'Create ticket' });
    await form.getByLabel('From the service catalog', { exact: true }).fill('Software');
    await page.getByRole('option', { name: /^Software installation/ }).click();
    await expect(form.getByRole('checkbox')).toBeVisible();
    await form.getByRole('textbox', { name: 'Title' }).focus();
  });
  await inDialog('status picker', () => keys(page, 's'));
  await inDialog('tags editor', () => keys(page, 't'));
  await inDialog('help', () => keys(page, '?'));
  await inDialog('sync panel', () => keys(page, 'g', 'y'));
  await inDialog('palette', () => keys(page, 'Control+k'));
  await inDialog(
    'user menu',
    async () => {
      await page.getByTestId('user-menu').focus();
      await keys(page, 'Enter');
    },
    'ArrowDown',
  );
  // The workload and its Distribute dialog.
  await keys(page, 'g', 'w');
  await expect(page.getByRole('heading', { name: 'Workload' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Distribute unassigned…' }).first()).toBeEnabled({ timeout: 20_000 });
  await checkStops(page, 'workload');
  await setUp(page, () => page.getByRole('button', { name: 'Distribute unassigned…' }).first().click());
  await expect(page.getByRole('dialog', { name: /^Distribute unassigned tickets/ })).toBeVisible();
  await checkStops(page, 'distribute dialog');

  const kinds = [...tested.keys()].sort();
  test.info().annotations.push({ type: 'control kinds', description: kinds.join(', ') });
  for (const kind of ['button', 'input:checkbox', 'input:text', 'menuitem', 'textarea'])
    expect(kinds, `a ${kind} was among the controls tested`).toContain(kind);
});
