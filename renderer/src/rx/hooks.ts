import { useEffect, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';

/**
 * Subscriptions to RxDB queries. Components receive the documents the query returns, never a whole collection;
 * a query is identified by its JSON so a new object with the same content does not resubscribe.
 */
export interface QueryResult<T> {
  docs: T[];
  loading: boolean;
}

export function useRxQuery<T>(collection: RxCollection<T> | null, query: MangoQuery<T> | null): QueryResult<T> {
  const key = query ? JSON.stringify(query) : '';
  const [result, setResult] = useState<QueryResult<T>>({ docs: [], loading: true });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the JSON key stands for the query object
  useEffect(() => {
    if (!collection || !query) {
      setResult({ docs: [], loading: false });
      return;
    }
    setResult((r) => ({ docs: r.docs, loading: true }));
    const sub = collection.find(query).$.subscribe({
      next: (docs) => setResult({ docs: docs.map((d) => d.toJSON() as T), loading: false }),
      error: () => setResult({ docs: [], loading: false }),
    });
    return () => sub.unsubscribe();
  }, [collection, key]);
  return result;
}

/** Counts above this are shown as "N+" when the store cannot count a query through an index alone. */
export const COUNT_CAP = 5000;

/**
 * A live count. Uses RxDB's count query; when the storage cannot answer it from an index (RxDB refuses "slow"
 * counts unless the database allows them), falls back to a bounded live query and reports at most COUNT_CAP.
 */
export function useRxCount<T>(
  collection: RxCollection<T> | null,
  selector: MangoQuery<T>['selector'] | null,
): number | null {
  const key = selector ? JSON.stringify(selector) : '';
  const [count, setCount] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the JSON key stands for the selector object
  useEffect(() => {
    if (!collection || !selector) return;
    setCount(null);
    let fallback: { unsubscribe(): void } | null = null;
    const sub = collection.count({ selector }).$.subscribe({
      next: setCount,
      error: () => {
        fallback = collection
          .find({ selector, limit: COUNT_CAP })
          .$.subscribe({ next: (docs) => setCount(docs.length), error: () => setCount(null) });
      },
    });
    return () => {
      sub.unsubscribe();
      fallback?.unsubscribe();
    };
  }, [collection, key]);
  return count;
}

/** A live count read from a bounded query, for selectors no index can count (saved views, two equality fields). */
export function useBoundedCount<T>(
  collection: RxCollection<T> | null,
  selector: MangoQuery<T>['selector'] | null,
): number | null {
  const key = selector ? JSON.stringify(selector) : '';
  const [count, setCount] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the JSON key stands for the selector object
  useEffect(() => {
    if (!collection || !selector) return;
    setCount(null);
    const sub = collection
      .find({ selector, limit: COUNT_CAP })
      .$.subscribe({ next: (docs) => setCount(docs.length), error: () => setCount(null) });
    return () => sub.unsubscribe();
  }, [collection, key]);
  return count;
}

export const formatCount = (n: number | null, bounded = false): string =>
  n === null ? '…' : bounded && n >= COUNT_CAP ? `${COUNT_CAP}+` : String(n);

/**
 * The length of a list: its exact count when an index can count it; otherwise the count of `bound` (an indexed
 * superset, e.g. the view without its status filter) marked inexact, which the list trims when it reaches the end.
 */
export function useListLength<T>(
  collection: RxCollection<T> | null,
  selector: MangoQuery<T>['selector'],
  bound: MangoQuery<T>['selector'],
): { count: number | null; exact: boolean } {
  const key = JSON.stringify([selector, bound]);
  const [state, setState] = useState<{ count: number | null; exact: boolean }>({ count: null, exact: true });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the JSON key stands for the selectors
  useEffect(() => {
    if (!collection) return;
    setState({ count: null, exact: true });
    let fallback: { unsubscribe(): void } | null = null;
    const sub = collection.count({ selector }).$.subscribe({
      next: (count) => setState({ count, exact: true }),
      error: () => {
        fallback = collection.count({ selector: bound }).$.subscribe({
          next: (count) => setState({ count, exact: false }),
          // Last resort: a bounded read, so the list always gets a length.
          error: () => {
            fallback = collection.find({ selector, limit: COUNT_CAP }).$.subscribe({
              next: (docs) => setState({ count: docs.length, exact: docs.length < COUNT_CAP }),
              error: () => setState({ count: 0, exact: false }),
            });
          },
        });
      },
    });
    return () => {
      sub.unsubscribe();
      fallback?.unsubscribe();
    };
  }, [collection, key]);
  return state;
}

export function useRxDoc<T>(collection: RxCollection<T> | null, id: string | null): T | null {
  const [doc, setDoc] = useState<T | null>(null);
  useEffect(() => {
    if (!collection || !id) {
      setDoc(null);
      return;
    }
    const sub = collection.findOne(id).$.subscribe((d) => setDoc(d ? (d.toJSON() as T) : null));
    return () => sub.unsubscribe();
  }, [collection, id]);
  return doc;
}

export function useObservable<T>(source: Observable<T> | null, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    if (!source) return;
    const sub = source.subscribe(setValue);
    return () => sub.unsubscribe();
  }, [source]);
  return value;
}

/** RxDB hands out deep-readonly JSON; the UI never mutates documents, so it reads them as the plain domain type. */
export const plain = <T>(doc: { toJSON(): unknown }): T => doc.toJSON() as T;
