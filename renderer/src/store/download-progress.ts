import { BehaviorSubject } from 'rxjs';
import type { SyncCollection } from '../../../shared/sync/protocol';

/** How far a first download has come: documents received of those the server said it would send. */
export interface DownloadProgress {
  received: number;
  total: number;
}

/**
 * Counts a first download (a replica filled from nothing) per collection, for the top bar: the server announces each
 * collection's total with its first page (pull's `count=1`), and every page of the download adds its documents.
 * Collections whose total is unknown (a download resumed after a restart: its first page came in an earlier
 * session) are left out, so the figure never claims more than it knows. A received count may pass its total by a
 * few documents changed during the download; the sum is capped at the total.
 */
export class DownloadTracker {
  private readonly counts = new Map<SyncCollection, { received: number; total: number | null }>();
  readonly progress$ = new BehaviorSubject<DownloadProgress | null>(null);

  /** A first download of `collection` began; the server will send `total` documents (undefined: it did not say). */
  began(collection: SyncCollection, total: number | undefined): void {
    this.counts.set(collection, { received: 0, total: total ?? null });
    this.publish();
  }

  /** A page of a first download brought `documents` documents of `collection`. */
  received(collection: SyncCollection, documents: number): void {
    const count = this.counts.get(collection) ?? { received: 0, total: null };
    this.counts.set(collection, { ...count, received: count.received + documents });
    this.publish();
  }

  private publish(): void {
    let received = 0;
    let total = 0;
    for (const count of this.counts.values()) {
      if (count.total === null) continue;
      received += Math.min(count.received, count.total);
      total += count.total;
    }
    this.progress$.next(total > 0 ? { received, total } : null);
  }
}
