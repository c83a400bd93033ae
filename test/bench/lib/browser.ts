/**
 * Chromium for the client benchmarks (Debian's package, as the e2e tests use it), signing in to the real web app, and
 * in-page measurement helpers. "Painted" everywhere means: a requestAnimationFrame callback after the event, then a
 * message-channel task, which runs after that frame has been painted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Locator, Page } from '@playwright/test';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface WorkstationOptions {
  viewport?: { width: number; height: number };
  /**
   * A named profile outlives its context (until the run's scratch directory goes): the next workstation of that name
   * starts with the replica the last one left, as a workstation does the next morning. Unnamed ones start empty.
   */
  profile?: string;
}

/**
 * A workstation: Chromium with its own profile on disk under `workDir`. On disk, as Electron keeps its IndexedDB,
 * rather than a Playwright incognito context: those hold storage in memory under a small quota, which a supervisor's
 * 100 000-ticket replica exceeds (QuotaExceededError part-way through).
 */
export async function launchWorkstation(workDir: string, options: WorkstationOptions = {}): Promise<BrowserContext> {
  const profileDir = options.profile
    ? join(workDir, `profile-${options.profile}`)
    : await mkdtemp(join(workDir, 'profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  if (!options.profile)
    context.on('close', () => void rm(profileDir, { recursive: true, force: true }).catch(() => undefined));
  return context;
}

/** The workstation's one page (a persistent context opens with a blank page). */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

export const DEMO_PASSWORD = 'demo1234';

/**
 * The supervisor's workstation, shared along one run: client-initial-sync's first store sync fills its replica,
 * client-ui signs the app in on it (a catch-up instead of a second full download of the same desk), and propagation
 * reopens it as workstation B, as the same workstation would be the next morning.
 */
export const SUPERVISOR_PROFILE = 'supervisor';

/**
 * Whether the page's origin already holds a workstation replica: IndexedDB databases of a store named `itsm-<hash>`
 * (RxDB's Dexie storage keeps each collection in a database whose name contains the store's).
 */
export async function holdsReplica(page: Page): Promise<boolean> {
  return (await page.evaluate(
    `indexedDB.databases().then((dbs) => dbs.some((db) => /itsm-[0-9a-f]{32}/.test(db.name || '')))`,
  )) as boolean;
}

/**
 * How long the app's own first sync of the bench desk may take: at 100k tickets it took more than 20 minutes in a
 * run on 2026-12-04 (this limit was raised in 5bd8196), when the machine's disk was slower than before (raw Dexie's
 * bulk write 129–176 s, was 107 s).
 */
export const APP_SYNC_TIMEOUT_MS = 45 * 60_000;

/**
 * Opens the app and fills in its sign-in screen (the server step first when the app asks for it), up to the press
 * that signs in: the password field is returned, filled.
 */
export async function fillSignIn(page: Page, url: string, email: string): Promise<Locator> {
  await page.goto(url);
  const emailBox = page.getByRole('textbox', { name: 'Email' });
  const serverBox = page.getByRole('textbox', { name: 'Server' });
  await emailBox.or(serverBox).first().waitFor({ timeout: 60_000 });
  if (await serverBox.isVisible()) {
    await serverBox.fill(url);
    if (!(await emailBox.isVisible())) {
      await page.getByRole('button', { name: 'Continue' }).click();
      await emailBox.waitFor({ timeout: 30_000 });
    }
  }
  await emailBox.fill(email);
  const password = page.getByRole('textbox', { name: 'Password' });
  await password.fill(DEMO_PASSWORD);
  return password;
}

/**
 * Signs in through the app's sign-in screen and returns when the first catch-up with the server has finished (the
 * sync indicator says ready).
 */
export async function signInApp(page: Page, url: string, email: string, readyTimeoutMs: number): Promise<void> {
  await fillSignIn(page, url, email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // An uncaught error in the page during the first catch-up is reported with its stack, instead of a silent wait.
  const errors: string[] = [];
  const onError = (error: Error) => {
    const text = `${error.message}\n${error.stack ?? ''}`.slice(0, 1500);
    errors.push(text);
    console.error(`[bench] page error while ${email} synced: ${text}`);
  };
  page.on('pageerror', onError);
  const indicator = page.getByTestId('sync-indicator');
  try {
    // Ready, or the replica could not be stored (the app says "Storage full" instead of ever being in sync).
    await page
      .locator('[data-testid="sync-indicator"]:is([data-ready="true"], [data-storage="full"], [data-storage="failed"])')
      .waitFor({ timeout: readyTimeoutMs });
  } catch (error) {
    if (errors.length === 0) throw error;
    throw new Error(`${email}'s replica never became ready; page errors: ${errors.join(' | ')}`);
  } finally {
    page.off('pageerror', onError);
  }
  // Checked after the wait: a storage failure also raises page errors, and its own message says more.
  const storage = await indicator.getAttribute('data-storage');
  if (storage !== 'ok') throw new Error(`${email}'s replica could not be stored (storage ${storage})`);
}

/** The JS heap in use after a full garbage collection, in MB (CDP HeapProfiler + Runtime). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize / 2 ** 20;
}

/** Starts the CDP CPU profiler on a page; `stop` returns the profile (for cpuprofile files and summaries). */
export async function startProfiler(cdp: CDPSession): Promise<{ stop(): Promise<CpuProfile> }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      return profile as CpuProfile;
    },
  };
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** The functions (and scripts) with the most self time in a CPU profile: what to hand the engineer who can fix it. */
export function profileSummary(profile: CpuProfile, top = 8): string {
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (self.get(node.id) ?? 0) / 1000;
    if (ms === 0) continue;
    const file = node.callFrame.url.split('/').pop() ?? '';
    const key = `${node.callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${node.callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return `${Math.round(total)} ms profiled; self time: ${[...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
    .join(', ')}`;
}

/**
 * Source for page.evaluate (a string: tsx's name-keeping helper does not exist inside the page): resolves, once
 * `ready()` holds in a frame, with the milliseconds from `window.__benchStart` to that frame painted, or with
 * 'timeout: <state>' after `timeoutMs`.
 */
export function untilPainted(readyExpression: string, stateExpression: string, timeoutMs: number): string {
  return `new Promise((resolve) => {
    let done = false;
    function check() {
      if (done) return;
      const start = window.__benchStart;
      if (start > 0 && (${readyExpression})) {
        done = true;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - start);
        channel.port2.postMessage(null);
      } else requestAnimationFrame(check);
    }
    check();
    setTimeout(() => { if (!done) { done = true; resolve('timeout: ' + (${stateExpression})); } }, ${timeoutMs});
  })`;
}

/** Source for page.evaluate: the next keydown's timestamp becomes window.__benchStart. */
export const ARM_KEYDOWN = `window.__benchStart = 0; window.addEventListener('keydown', (e) => { window.__benchStart = e.timeStamp; }, { capture: true, once: true });`;
