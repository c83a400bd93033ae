import { Subject } from 'rxjs';
import type { Checkpoint } from '../../../shared/sync/protocol';
import { Backoff } from './backoff';

/**
 * Pulls for one collection: RxDB's pull handler, plus the live pulls that bring other people's changes in.
 *
 * Live changes are pulled here and handed to RxDB as a document batch (`pull.stream$` items), not as 'RESYNC':
 * every 'RESYNC' also restarts RxDB's upstream initial sync, which re-reads replica documents written since its
 * checkpoint (after a large download, thousands of them, each page scanning a whole bulk write). That made every
 * server change cost seconds to minutes before the store was in sync again.
 *
 * Guarantees:
 * - One request at a time per collection (handler and live pulls share a lock), each starting where the last
 *   one ended, so no change between checkpoints is skipped.
 * - A live batch is never older than data RxDB already fetched: it is handed over only while RxDB is not pulling
 *   itself. RxDB calls the handler synchronously right after noting the time of its own pull, so a batch handed
 *   over earlier is either processed before that pull or dropped by RxDB as superseded; a batch fetched while
 *   RxDB waited for the lock is discarded (RxDB's own, later, request covers it).
 * - A poke is never lost: one that arrives while a pull runs is served by another pull afterwards.
 * - `repull()` (the user's scope changed: documents older than the checkpoint may now be visible) pulls everything
 *   again from the start, handing it to RxDB as live batches, so RxDB's downstream keeps every unpushed local edit
 *   as usual. Then `unseen` names the local documents the full pull did not bring (out of scope now); they are
 *   handed over as deletions, which RxDB again skips for documents with unpushed local changes. A re-pull that is
 *   interrupted (RxDB pulled itself, or a request failed) starts over until one completes.
 *
 * Undocumented RxDB behaviour it relies on (rxdb pinned to 17.6.0; `pull.stream$` itself is public API): a document
 * batch on `stream$` is written without calling the pull handler or re-scanning for unsent changes ('RESYNC' does
 * both, which is why it is not used); a batch queued before RxDB starts a pull of its own is dropped; a pulled
 * state never replaces a local change the server has not confirmed. Contract test: rxdb-contract.test.ts,
 * "live-pull.ts".
 */

export interface Page<D> {
  documents: D[];
  checkpoint: Checkpoint | null;
}

export type LiveBatch<D> = { documents: D[]; checkpoint: Checkpoint };

export class LivePull<D> {
  /** Live batches for RxDB's `pull.stream$`. */
  readonly batches$ = new Subject<LiveBatch<D>>();
  private lock: Promise<unknown> = Promise.resolve();
  private inHandler = 0;
  /** Where the replica's data ends: the checkpoint of the last batch handed to RxDB. */
  private known: Checkpoint | null = null;
  /** Until RxDB's first pull there is nothing to continue from; that pull brings everything. */
  private pulled = false;
  /** RxDB's last page was full: it is about to ask for the next one itself. */
  private rxdbContinues = false;
  private dirty = false;
  private running: Promise<void> | null = null;
  /** Batches handed to RxDB so far (awaitInSync repeats while this grows). */
  emitted = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff = new Backoff({ baseMs: 1000, maxMs: 30_000 });

  /** A full re-pull is due (see `repull`). */
  private restart = false;
  /** Full re-pulls completed (tests and awaitInSync watch it through `emitted`). */
  repulls = 0;

  constructor(
    private readonly fetchPage: (from: Checkpoint | null, limit: number) => Promise<Page<D>>,
    private readonly batchSize: number,
    /** Deletions for the local documents a full re-pull did not bring (ids of those it brought). */
    private readonly unseen: (seen: ReadonlySet<string>) => Promise<D[]> = async () => [],
    private readonly idOf: (doc: D) => string = (doc) => (doc as { id: string }).id,
  ) {}

  /** RxDB's pull handler. */
  readonly handler = async (checkpoint: Checkpoint | undefined, batchSize: number): Promise<Page<D>> => {
    this.inHandler++;
    try {
      const page = await this.exclusive(() => this.fetchPage(checkpoint ?? null, batchSize));
      this.known = page.checkpoint ?? checkpoint ?? null;
      this.pulled = true;
      this.rxdbContinues = page.documents.length >= batchSize;
      return page;
    } finally {
      this.inHandler--;
      this.schedule();
    }
  };

  /** The server changed something this collection may hold (or the stream reconnected): pull it. */
  poke(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Pull everything again from the start (the user's scope changed), then drop what the server no longer sends. */
  repull(): void {
    this.restart = true;
    this.poke();
  }

  /** Resolves when no live pull runs and none is due (a pull RxDB makes itself is awaited through RxDB). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.batches$.complete();
  }

  private schedule(): void {
    if (this.stopped || this.running || !this.dirty || this.inHandler > 0 || this.rxdbContinues || !this.pulled) return;
    this.dirty = false;
    this.running = this.exclusive(() => this.pullLive())
      .then(
        () => this.backoff.reset(),
        () => {
          // Try again after the backoff, not at once (the server is down or the network gone: at once was a loop of
          // requests as fast as they failed); a reconnect or the next change pokes sooner.
          this.dirty = false;
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => this.poke(), this.backoff.next());
        },
      )
      .finally(() => {
        this.running = null;
        if (this.dirty) this.schedule();
      });
  }

  private async pullLive(): Promise<void> {
    const full = this.restart;
    this.restart = false;
    const seen = full ? new Set<string>() : null;
    let from = full ? null : this.known;
    let completed = !full;
    try {
      for (;;) {
        if (this.stopped) return;
        const page = await this.fetchPage(from, this.batchSize);
        // RxDB started pulling meanwhile: its request, made after this one, brings the same changes or newer.
        if (this.inHandler > 0 || this.stopped) return;
        const next = page.checkpoint ?? from;
        if (page.documents.length > 0 && next) {
          this.hand(page.documents, next);
          for (const doc of page.documents) seen?.add(this.idOf(doc));
        }
        // A re-pull's checkpoints run behind the known one until it catches up; live pulls continue from the end.
        if (!full || (next && (!this.known || next.seq >= this.known.seq))) this.known = next;
        from = next;
        if (page.documents.length < this.batchSize) break;
      }
      if (seen) {
        const gone = await this.unseen(seen);
        if (this.inHandler > 0 || this.stopped) return;
        // The server may have sent nothing at all (no checkpoint yet): the start is where the replica's data ends.
        if (gone.length > 0) this.hand(gone, this.known ?? from ?? { seq: 0 });
        this.repulls += 1;
        completed = true;
      }
    } finally {
      // A re-pull that did not complete starts over next time.
      if (!completed) {
        this.restart = true;
        this.dirty = true;
      }
    }
  }

  private hand(documents: D[], checkpoint: Checkpoint): void {
    this.emitted += 1;
    this.batches$.next({ documents, checkpoint });
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.lock.then(run);
    this.lock = result.catch(() => undefined);
    return result;
  }
}
