import { describe, expect, it } from 'vitest';
import { downloadText } from '../sync/SyncIndicator';
import { DownloadTracker } from './download-progress';

/** A first download's progress, as the top bar shows it while the replica fills. */
describe('first download progress', () => {
  it('sums the collections whose totals the server announced, page by page', () => {
    const downloads = new DownloadTracker();
    const seen: unknown[] = [];
    downloads.progress$.subscribe((progress) => seen.push(progress));
    downloads.began('tickets', 8_000);
    downloads.received('tickets', 5_000);
    downloads.began('comments', 12_000);
    downloads.received('comments', 5_000);
    // A resumed download (its first page came in an earlier session): no total, left out.
    downloads.received('users', 40);
    downloads.received('tickets', 3_000);
    expect(seen).toEqual([
      null,
      { received: 0, total: 8_000 },
      { received: 5_000, total: 8_000 },
      { received: 5_000, total: 20_000 },
      { received: 10_000, total: 20_000 },
      { received: 10_000, total: 20_000 },
      { received: 13_000, total: 20_000 },
    ]);
    expect(downloadText(downloads.progress$.value)).toBe('Downloading tickets… 65 %');
  });

  it('never claims more than the total, nor 100 % before the replica is in sync', () => {
    const downloads = new DownloadTracker();
    downloads.began('tickets', 100);
    downloads.received('tickets', 103); // changed during the download, sent twice
    expect(downloads.progress$.value).toEqual({ received: 100, total: 100 });
    expect(downloadText(downloads.progress$.value)).toBe('Downloading tickets… 99 %');
    expect(downloadText(null)).toBe('Downloading tickets…');
  });
});
