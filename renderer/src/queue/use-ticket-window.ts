import { useEffect, useRef, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { plain } from '../rx/hooks';
import { useKeyed } from '../rx/use-keyed';

/**
 * A live window onto a long sorted query: pages of PAGE_SIZE rows are fetched (skip + limit on the index) only
 * around what is on screen and the active row, each kept live by its own subscription. Moving the selection
 * inside the loaded pages never queries; pages ahead are fetched before the selection reaches them.
 */
export const PAGE_SIZE = 100;

type Query = Pick<MangoQuery<LocalTicket>, 'selector' | 'sort' | 'index'>;

/** Page `page` of a list query. One function for the window and for warming (RxDB caches queries by their JSON). */
export const pageQuery = (query: Query, page: number): MangoQuery<LocalTicket> => ({
  ...query,
  skip: page * PAGE_SIZE,
  limit: PAGE_SIZE,
});

/**
 * Keeps the first page of `query` live without rendering anything: the view's rows are then in RxDB's query cache,
 * so showing the view paints them at once instead of waiting for IndexedDB.
 */
export function useWarmFirstPage(collection: RxCollection<LocalTicket> | null, asked: Query | null): void {
  const query = useKeyed(asked);
  useEffect(() => {
    if (!collection || !query) return;
    const sub = collection.find(pageQuery(query, 0)).$.subscribe();
    return () => sub.unsubscribe();
  }, [collection, query]);
}

/** Rows `from` to `to` (inclusive) of a list query, read at once (a range reaching past the loaded pages). */
export async function rowsBetween(
  collection: RxCollection<LocalTicket>,
  query: Query,
  from: number,
  to: number,
): Promise<Ticket[]> {
  const docs = await collection.find({ ...query, skip: from, limit: to - from + 1 }).exec();
  return docs.map((d) => plain<Ticket>(d));
}

export function pagesFor(start: number, end: number, count: number): number[] {
  if (count <= 0) return [0];
  const last = Math.max(0, Math.ceil(count / PAGE_SIZE) - 1);
  // One page of slack on each side so j/k and short scrolls find rows already loaded.
  const from = Math.max(0, Math.floor((start - PAGE_SIZE / 2) / PAGE_SIZE));
  const to = Math.min(last, Math.floor((end + PAGE_SIZE / 2) / PAGE_SIZE));
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  return pages;
}

/**
 * Where the query ends, once page `page` came back with `rows` rows (null: not known). A short page ends the list,
 * unless an earlier page already did (pages past the end come back empty, in any order); a full page past the known
 * end means the list grew.
 */
export function endAfterPage(end: number | null, page: number, rows: number): number | null {
  const start = page * PAGE_SIZE;
  if (rows === PAGE_SIZE) return end !== null && end <= start + PAGE_SIZE ? null : end;
  const at = start + rows;
  return end === null || at < end || end >= start ? at : end;
}

export function useTicketWindow(
  collection: RxCollection<LocalTicket> | null,
  asked: Query | null,
  range: { start: number; end: number },
  count: number,
) {
  const key = asked ? JSON.stringify(asked) : '';
  const query = useKeyed(asked, key);
  const pagesRef = useRef(new Map<number, Ticket[]>());
  const subsRef = useRef(new Map<number, Subscription>());
  const [version, setVersion] = useState(0);
  const [loadedKey, setLoadedKey] = useState('');
  // Where the query really ends, learnt from a short page (the count may only be an upper bound).
  const endRef = useRef<number | null>(null);

  // A new query: drop everything loaded for the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new query, which it does not read
  useEffect(() => {
    for (const sub of subsRef.current.values()) sub.unsubscribe();
    subsRef.current.clear();
    pagesRef.current.clear();
    endRef.current = null;
    setLoadedKey('');
    return () => {
      for (const sub of subsRef.current.values()) sub.unsubscribe();
      subsRef.current.clear();
    };
  }, [collection, query]);

  const wanted = useKeyed(pagesFor(range.start, range.end, count));
  useEffect(() => {
    if (!collection || !query) return;
    const want = new Set(wanted);
    for (const [page, sub] of subsRef.current) {
      if (!want.has(page)) {
        sub.unsubscribe();
        subsRef.current.delete(page);
        pagesRef.current.delete(page);
      }
    }
    for (const page of want) {
      if (subsRef.current.has(page)) continue;
      const sub = collection.find(pageQuery(query, page)).$.subscribe((docs) => {
        pagesRef.current.set(
          page,
          docs.map((d) => plain<Ticket>(d)),
        );
        endRef.current = endAfterPage(endRef.current, page, docs.length);
        setLoadedKey(key);
        setVersion((v) => v + 1);
      });
      subsRef.current.set(page, sub);
    }
  }, [collection, query, key, wanted]);

  const rowAt = (index: number): Ticket | undefined =>
    pagesRef.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  /** Where the ticket is among the loaded rows; -1 when it is not loaded (or not in the query). */
  const indexOf = (id: string): number => {
    for (const [page, rows] of pagesRef.current) {
      const at = rows.findIndex((t) => t.id === id);
      if (at >= 0) return page * PAGE_SIZE + at;
    }
    return -1;
  };
  const loaded = loadedKey === key && key !== '';
  // The first page's rows, once loaded: what the list can show before its length is counted.
  const firstPageRows = loaded ? (pagesRef.current.get(0)?.length ?? 0) : 0;
  return { rowAt, indexOf, version, loaded, end: endRef.current, firstPageRows };
}
