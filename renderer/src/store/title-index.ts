import type { RxCollection } from 'rxdb';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { BY_IDS_MAX } from './batched-query-storage';
import { idPage } from './id-pages';
import { foldedWords } from './text-match';

/**
 * The words of every ticket title in the replica, kept in memory, so that a text search can name the few tickets
 * whose title may contain the text instead of walking a whole view with a regular expression on each document
 * (at 10k tickets, 450 ms for a word found in few titles, and ten times that at 100k).
 *
 * `candidates` answers a superset of the matches: a title that contains the text contains, for each of the text's
 * words, a word that contains it (both folded, text-match.ts: "wifi" is inside the word "Wi-Fi"). The query keeps its own title check, so the rows are exactly the matches. When the
 * text has no word, the index is still being built, or the candidates are many (then the walk fills a page quickly
 * anyway), it answers null and the search walks as before.
 */
export class TitleIndex {
  private readonly postings = new Map<string, Set<string>>();
  private readonly wordsOf = new Map<string, readonly string[]>();
  /** Bumped on every change, so a search can recompute its candidates. */
  readonly version$ = new BehaviorSubject(0);
  private ready = false;

  get isReady(): boolean {
    return this.ready;
  }

  markReady(): void {
    this.ready = true;
    this.bump();
  }

  /** The ticket's title, or null when it left the replica. */
  set(id: string, title: string | null): void {
    const next = title === null ? [] : titleWords(title);
    const previous = this.wordsOf.get(id) ?? [];
    if (previous.length === next.length && previous.every((w, i) => w === next[i])) return;
    for (const word of previous) {
      const ids = this.postings.get(word);
      ids?.delete(id);
      if (ids?.size === 0) this.postings.delete(word);
    }
    for (const word of next) {
      let ids = this.postings.get(word);
      if (!ids) {
        ids = new Set();
        this.postings.set(word, ids);
      }
      ids.add(id);
    }
    if (next.length > 0) this.wordsOf.set(id, next);
    else this.wordsOf.delete(id);
    if (this.ready) this.bump();
  }

  /**
   * Ids of the tickets whose title may contain `text` (sorted), or null: see the class comment. By default at most as
   * many as the storage reads by id rather than by walking an index (batched-query-storage.ts).
   */
  candidates(text: string, max = BY_IDS_MAX): string[] | null {
    const parts = foldedWords(text);
    if (!this.ready || parts.length === 0) return null;
    let result: Set<string> | null = null;
    // Longest part first: it usually names the fewest tickets.
    for (const part of [...parts].sort((a, b) => b.length - a.length)) {
      const ids = new Set<string>();
      for (const [word, holders] of this.postings) {
        if (!word.includes(part)) continue;
        for (const id of holders) if (result === null || result.has(id)) ids.add(id);
      }
      result = ids;
      if (result.size === 0) break;
    }
    if (result === null || result.size > max) return null;
    return [...result].sort();
  }

  private bump(): void {
    this.version$.next(this.version$.value + 1);
  }
}

/** A title's distinct folded words (text-match.ts), sorted (so an unchanged title is recognised as such). */
function titleWords(title: string): string[] {
  return foldedWords(title).sort();
}

interface TitledDoc {
  id: string;
  title: string;
}

/** The User Timing entry (DevTools' Timings track) of the index's first build, from its start to ready. */
export const TITLE_INDEX_MEASURE = 'itsm:title-index-build';

/** Documents read per step of the first build; small, so the build never holds the page for long. */
const BUILD_PAGE = 200;

/** Waits for the page to be idle (a timer where there is no requestIdleCallback, as in Node). */
function idle(): Promise<void> {
  const request = (globalThis as { requestIdleCallback?: (run: () => void, options: { timeout: number }) => number })
    .requestIdleCallback;
  return new Promise((resolve) => (request ? request(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 0)));
}

/**
 * Keeps `index` equal to the titles in `collection`: follows every change from the start; what the replica already
 * holds is read by `build()`, in small pages while the page is idle. The UI calls `build` once the queue has shown
 * its rows (reading the whole replica first would hold back the rows the user opened the app for). A change seen
 * during the build wins over the page read before it.
 */
export class TitleIndexKeeper<D extends TitledDoc> {
  private readonly touched = new Set<string>();
  private building = false;
  private started = false;
  private stopped = false;
  private readonly changes: Subscription;

  constructor(
    private readonly collection: RxCollection<D>,
    readonly index: TitleIndex,
  ) {
    this.changes = collection.$.subscribe((event) => {
      const doc = event.documentData as TitledDoc & { _deleted?: boolean };
      const gone = event.operation === 'DELETE' || doc._deleted === true;
      index.set(event.documentId, gone ? null : doc.title);
      if (this.building) this.touched.add(event.documentId);
    });
  }

  build(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.scan().catch(() => undefined); // a closed database ends the build; searches then walk as before
  }

  stop(): void {
    this.stopped = true;
    this.changes.unsubscribe();
  }

  private async scan(): Promise<void> {
    this.building = true;
    const start = performance.now();
    let read = 0;
    const tickets = this.collection as unknown as RxCollection<TitledDoc>;
    for (let after = ''; !this.stopped; ) {
      await idle();
      if (this.stopped) return;
      const page = await tickets.find(idPage<TitledDoc>(after, BUILD_PAGE)).exec();
      read += page.length;
      for (const doc of page) if (!this.touched.has(doc.id)) this.index.set(doc.id, doc.title);
      const last = page.at(-1);
      if (!last || page.length < BUILD_PAGE) break;
      after = last.id;
    }
    this.building = false;
    this.touched.clear();
    if (this.stopped) return;
    this.index.markReady();
    // For profiles and the benchmarks: when searches started using the index, and how long reading the replica took.
    performance.measure(TITLE_INDEX_MEASURE, { start, detail: { tickets: read } });
  }
}
