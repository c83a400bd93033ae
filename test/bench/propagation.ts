/**
 * Propagation end to end: an edit in workstation A visible in workstation B, two Chromium contexts running the real
 * web app against the bench server. A is a field technician (marco.rossi, a small replica), B a supervisor (every
 * ticket); both have the same ticket of A's open. A adds an internal note (n, text, Ctrl+Enter); the latency is from
 * that key press in A to the frame in B that shows the note painted: A's push, the server's NOTIFY and live stream,
 * B's pull, B's replica write and render.
 */
import type { Page } from '@playwright/test';
import { APP_SYNC_TIMEOUT_MS, firstPage, SUPERVISOR_PROFILE, signInApp } from './lib/browser';
import type { BenchContext, Benchmark } from './lib/context';
import { atMost, errorText, type Figure, failed, figure, percentile } from './lib/figures';

const TARGET_MS = 500;

async function openTicket(page: Page, label: string) {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(label.replace(/^\D+/, ''));
  await page.getByRole('dialog').getByRole('button').filter({ hasText: label }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator(`section[aria-label="Ticket ${label}"]`).waitFor({ timeout: 30_000 });
}

export const propagation: Benchmark = {
  name: 'propagation',
  title: 'an edit in workstation A painted in workstation B (two Chromium contexts)',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const name = 'A → B edit visible';
    const server = await ctx.server(ctx.clientEngine);
    const viewport = { width: 1440, height: 900 };
    // B is the supervisor's workstation client-ui left (its replica kept): only A downloads from scratch.
    const [contextA, contextB] = await Promise.all([
      ctx.workstation({ viewport }),
      ctx.workstation({ viewport, profile: SUPERVISOR_PROFILE }),
    ]);
    try {
      const a = await firstPage(contextA);
      const b = await firstPage(contextB);
      await Promise.all([
        signInApp(a, server.url, 'marco.rossi@demo.local', APP_SYNC_TIMEOUT_MS),
        signInApp(b, server.url, 'supervisor@demo.local', APP_SYNC_TIMEOUT_MS),
      ]);
      // A's own open tickets: the first one.
      await a.keyboard.press('g');
      await a.keyboard.press('m');
      const firstRow = a.locator('.ticket-list[role="listbox"] [role="option"]').first();
      await firstRow.waitFor({ timeout: 60_000 });
      const label = ((await firstRow.locator('.num').textContent()) ?? '').trim();
      await openTicket(a, label);
      await openTicket(b, label);

      const rounds = ctx.quick ? 8 : 25;
      const samples: (number | string)[] = [];
      for (let i = 0; i < rounds; i++) {
        const text = `Bench note ${i} ${Math.random().toString(36).slice(2, 10)}`;
        // B: resolves with the epoch time of the frame that first shows the note, painted.
        const seen = b.evaluate(`new Promise((resolve) => {
          const pane = () => document.querySelector(${JSON.stringify(`section[aria-label="Ticket ${label}"]`)});
          let done = false;
          const check = () => {
            const p = pane();
            if (!done && p && p.textContent.includes(${JSON.stringify(text)})) {
              done = true;
              observer.disconnect();
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
                channel.port2.postMessage(null);
              });
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          setTimeout(() => { if (!done) { done = true; observer.disconnect(); resolve('timeout'); } }, 30000);
        })`) as Promise<number | string>;
        await a.keyboard.press('n');
        await a.keyboard.type(text);
        // Control's own keydown comes first: the listener waits for Enter's.
        await a.evaluate(
          `window.__sent = 0; const onKey = (e) => { if (e.key === 'Enter') { window.__sent = performance.timeOrigin + e.timeStamp; window.removeEventListener('keydown', onKey, true); } }; window.addEventListener('keydown', onKey, true);`,
        );
        await a.keyboard.press('Control+Enter');
        const sentAt = (await a.evaluate('window.__sent')) as number;
        const shownAt = await seen;
        if (!(sentAt > 0)) samples.push(`note ${i}: the Enter key press was not seen in A`);
        else samples.push(typeof shownAt === 'number' ? shownAt - sentAt : `note ${i} not shown in B within 30 s`);
        await a.waitForTimeout(300);
      }
      const ok = samples.filter((x): x is number => typeof x === 'number');
      const missing = samples.filter((x) => typeof x === 'string');
      if (ok.length === 0) return [failed(`${name} p95`, 'ms', atMost(TARGET_MS), String(missing[0]))];
      const all = samples.map((x) => (typeof x === 'number' ? x : Number.POSITIVE_INFINITY));
      const note = `${rounds} internal notes on ${label} by a technician, seen by a supervisor with ${server.tickets.toLocaleString('en-US')} tickets${missing.length ? `; ${missing.length} not seen within 30 s` : ''}`;
      return [
        figure(`${name} p50`, percentile(all, 50), 'ms', null, note),
        figure(`${name} p95`, percentile(all, 95), 'ms', atMost(TARGET_MS), note),
      ];
    } catch (error) {
      return [failed(`${name} p95`, 'ms', atMost(TARGET_MS), errorText(error))];
    } finally {
      await contextA.close();
      await contextB.close();
    }
  },
};
