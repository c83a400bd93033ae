import { expect, type Locator, type Page } from '@playwright/test';
import { keys } from './app-fixture';

/** Helpers of the sync and undo tests: what a person waits for and how they walk to a button. */

/** Waits until the workstation knows it is offline (Playwright's offline mode: no network). */
export async function wentOffline(page: Page) {
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', /offline|connecting/, {
    timeout: 30_000,
  });
}

/** The theme's filled colour `name` (what a filled badge of that colour shows), as the browser computes it. */
export async function themeColor(page: Page, name: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(--mantine-color-${name}-filled)`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, name);
}

/** Presses Tab until `target` has focus, as a keyboard user walks to it; fails if Tab never reaches it. */
export async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await keys(page, 'Tab');
  }
  await expect(target).toBeFocused();
}
