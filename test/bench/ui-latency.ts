/**
 * UI latency of the agent workspace with a large replica, in real Chromium (Dexie on IndexedDB):
 * - selection move: key press (j) → the next frame painted with the new active row, p50/p95 over many presses;
 * - view switch: g + u/m/b/s → the new view's rows painted.
 *
 *   npx vite build --config vite.web.config.ts && npx tsx test/bench/ui-latency.ts --tickets 100000 --presses 300
 *
 * The replica is filled by the real initial sync (RxDB replication over HTTP) from the in-memory protocol server
 * (renderer/src/store/testing/fake-server.ts) behind the page's origin, seeded with the renderer's demo desk
 * generator. "Painted" = a requestAnimationFrame callback after the key event, then a message-channel task, which
 * runs after that frame's paint.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  DEMO_CALENDAR,
  DEMO_CATALOG,
  DEMO_POLICY,
  DEMO_QUEUES,
  DEMO_USERS,
  demoTicket,
} from '../../renderer/src/rx/demo-data';
import { FakeHttpServer } from '../sync/harness/fake-http-server';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const TICKETS = Number(arg('tickets', '100000'));
const PRESSES = Number(arg('presses', '300'));
const WEB = resolve(import.meta.dirname, '../../dist/web');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const supervisor = DEMO_USERS.find((u) => u.role === 'supervisor');
if (!supervisor) throw new Error('demo desk has no supervisor');

async function serve(protocol: FakeHttpServer, token: string) {
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    if (url === '/api/auth/login') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ token, user: supervisor }));
    }
    if (url.startsWith('/api/')) return protocol.handle(req, res);
    const path = normalize(decodeURIComponent(new URL(url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(WEB, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** Installs the in-page probe: for every key press, the time until the frame after it has been painted. */
async function installProbe(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __pending: ((t: number) => void) | null };
    w.__lat = [];
    window.addEventListener(
      'keydown',
      (e) => {
        const start = e.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__lat.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      { capture: true },
    );
  });
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Key press → the new view's first rows painted (polls each frame until the listbox shows the view, not busy). */
async function viewSwitch(page: Page, key: string, title: RegExp): Promise<number> {
  await page.keyboard.press('g');
  // Strings, not functions: tsx's name-keeping helper does not exist inside the page.
  await page.evaluate(
    `window.__viewStart = 0; window.addEventListener('keydown', (e) => { window.__viewStart = e.timeStamp; }, { capture: true, once: true });`,
  );
  await page.keyboard.press(key);
  const done = page.evaluate(`new Promise((resolveMs) => {
    const re = new RegExp(${JSON.stringify(title.source)});
    function check() {
      const start = window.__viewStart;
      const list = document.querySelector('[role="listbox"].ticket-list');
      const label = list ? list.getAttribute('aria-label') || '' : '';
      const ready = start > 0 && re.test(label) && list.getAttribute('aria-busy') !== 'true' && list.querySelector('[role="option"]');
      if (ready) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolveMs(performance.now() - start);
        channel.port2.postMessage(null);
      } else requestAnimationFrame(check);
    }
    check();
    setTimeout(() => {
      const list = document.querySelector('[role="listbox"].ticket-list');
      resolveMs('timeout: ' + (list ? list.getAttribute('aria-label') + ' busy=' + list.getAttribute('aria-busy') : 'no list'));
    }, 20000);
  })`) as Promise<number | string>;
  const result = await done;
  if (typeof result !== 'number') {
    console.error(`view switch to ${title} did not finish within 20 s: ${result}`);
    return Number.POSITIVE_INFINITY;
  }
  return result;
}

async function main() {
  const protocol = new FakeHttpServer();
  protocol.protocol.seed('queues', DEMO_QUEUES);
  protocol.protocol.seed('users', DEMO_USERS);
  protocol.protocol.seed('sla_policies', [DEMO_POLICY]);
  protocol.protocol.seed('calendars', [DEMO_CALENDAR]);
  protocol.protocol.seed('catalog', DEMO_CATALOG);
  const now = Date.now();
  protocol.protocol.seed(
    'tickets',
    Array.from({ length: TICKETS }, (_, i) => demoTicket(i, now)),
  );
  const token = protocol.protocol.signIn(supervisor as NonNullable<typeof supervisor>);
  const site = await serve(protocol, token);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(site.url);
    await page.getByRole('textbox', { name: 'Email' }).fill(supervisor?.email ?? '');
    await page.getByRole('textbox', { name: 'Password' }).fill('demo1234');
    const syncStart = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The replica is ready when the first catch-up with the server has finished (the sync indicator says so).
    await page.locator('[data-testid="sync-indicator"][data-ready="true"]').waitFor({ timeout: 1_200_000 });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Go to All open tickets');
    await page.keyboard.press('Enter');
    const allCount = page.getByRole('button', { name: /^All open tickets/ }).locator('.mantine-Badge-root');
    console.error(`replica ready (${await allCount.textContent()} tickets with a running clock)`);
    const syncSeconds = (Date.now() - syncStart) / 1000;

    const list = page.locator('[role="listbox"].ticket-list');
    await list.focus();
    await installProbe(page);
    for (let i = 0; i < PRESSES; i++) await page.keyboard.press(i % 50 < 40 ? 'j' : 'k');
    const moves = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.splice(0));
    console.error(`selection moves: p50 ${pct(moves, 50).toFixed(1)} ms, p95 ${pct(moves, 95).toFixed(1)} ms`);

    const views: Record<string, number[]> = {
      'g u Unassigned': [],
      'g m My open tickets': [],
      'g b Breached': [],
      'g s Breaching soon': [],
    };
    for (let round = 0; round < 3; round++) {
      views['g u Unassigned']?.push(await viewSwitch(page, 'u', /^Unassigned/));
      views['g m My open tickets']?.push(await viewSwitch(page, 'm', /^My open tickets/));
      views['g b Breached']?.push(await viewSwitch(page, 'b', /^Breached/));
      views['g s Breaching soon']?.push(await viewSwitch(page, 's', /^Breaching soon/));
    }
    const round1 = (x: number) => Number(x.toFixed(1));
    console.log(
      JSON.stringify(
        {
          tickets: TICKETS,
          signInToReadySeconds: round1(syncSeconds),
          selectionMove: {
            presses: moves.length,
            p50Ms: round1(pct(moves, 50)),
            p95Ms: round1(pct(moves, 95)),
            maxMs: round1(Math.max(...moves)),
          },
          viewSwitch: Object.fromEntries(
            Object.entries(views).map(([k, xs]) => [k, { p50Ms: round1(pct(xs, 50)), maxMs: round1(Math.max(...xs)) }]),
          ),
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    site.close();
  }
}

await main();
