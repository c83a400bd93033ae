import { expect, test } from '@playwright/test';
import { appServerPerFile, focusList, keys, openPalette, signIn } from './app-fixture';
import { seriousViolations } from './axe';

const app = appServerPerFile();

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

for (const size of SIZES)
  for (const scheme of ['light', 'dark'] as const)
    test(`no serious accessibility violations on any screen (${scheme}, ${size.width} × ${size.height})`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      // Reduced motion: dialogs open without a fade, so contrast is measured on the settled page, not mid-transition.
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const found: Record<string, string[]> = {};
      await page.goto(app.url);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      found['sign-in'] = await seriousViolations(page);

      await signIn(page, app.url, 'supervisor@demo.local');
      found['empty queue'] = await seriousViolations(page);
      await keys(page, 'g', 'b');
      await focusList(page);
      found.queue = await seriousViolations(page);

      await keys(page, 'Enter');
      await expect(page.getByRole('region', { name: /^Ticket / })).toBeVisible();
      found.detail = await seriousViolations(page);

      await keys(page, 'Shift+A');
      await expect(page.getByRole('dialog', { name: /^Assign to/ })).toBeVisible();
      found.picker = await seriousViolations(page);
      await keys(page, 'Escape');
      await expect(page.getByRole('dialog', { name: /^Assign to/ })).toHaveCount(0);

      await keys(page, 'Shift+S');
      await expect(page.getByRole('dialog', { name: 'Save this view' })).toBeVisible();
      found['save view'] = await seriousViolations(page);
      await keys(page, 'Escape');
      await expect(page.getByRole('dialog', { name: 'Save this view' })).toHaveCount(0);

      await openPalette(page);
      await page.keyboard.type('printer');
      await expect(page.getByRole('dialog').getByRole('button').first()).toBeVisible();
      found.palette = await seriousViolations(page);
      await keys(page, 'Escape');
      await expect(page.getByRole('textbox', { name: 'Command or ticket' })).toHaveCount(0);

      await keys(page, '?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      found['keys list'] = await seriousViolations(page);
      await keys(page, 'Escape');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);

      await keys(page, 'c');
      await expect(page.getByRole('dialog', { name: /ticket/i })).toBeVisible();
      found['create ticket'] = await seriousViolations(page);
      await keys(page, 'Escape');
      await expect(page.getByRole('dialog', { name: /ticket/i })).toHaveCount(0);

      await keys(page, 'g', 'y');
      await expect(page.getByTestId('sync-summary')).toBeVisible();
      found['sync panel'] = await seriousViolations(page);
      await keys(page, 'Escape');
      await expect(page.getByTestId('sync-summary')).toHaveCount(0);

      await keys(page, 'g', 'w');
      await expect(page.getByRole('heading', { name: 'Workload', level: 1 })).toBeVisible();
      found.workload = await seriousViolations(page);

      expect(found).toEqual({
        'sign-in': [],
        'empty queue': [],
        queue: [],
        detail: [],
        picker: [],
        'save view': [],
        palette: [],
        'keys list': [],
        'create ticket': [],
        'sync panel': [],
        workload: [],
      });
    });
