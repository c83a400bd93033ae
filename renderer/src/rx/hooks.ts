import { useEffect, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import { combineLatest, type Observable } from 'rxjs';
import { useKeyed } from './use-keyed';

/**
 * Subscriptions to RxDB queries. Components receive the documents the query returns, never a whole collection;
 * a query is identified by its JSON so a new object with the same content does not resubscribe.
 */
export interface QueryResult<T> {
  docs: T[];
  loading: boolean;
}

export function useRxQuery<T>(collection: RxCollection<T> | null, query: MangoQuery<T> | null): QueryResult<T> {
  return useRxQueries(collection, query ? [query] : []);
}

/**
 * Several queries as one live list: their documents, concatenated in query order (a document two queries match
 * appears twice; the caller merges). For unions no index serves as one query (`$or` reads the whole collection).
 * While new queries run, the previous documents stay, marked loading.
 */
export function useRxQueries<T>(collection: RxCollection<T> | null, asked: MangoQuery<T>[]): QueryResult<T> {
  const queries = useKeyed(asked);
  const [result, setResult] = useState<QueryResult<T>>({ docs: [], loading: true });
  useEffect(() => {
    if (!collection || queries.length === 0) {
      setResult({ docs: [], loading: false });
      return;
    }
    setResult((r) => ({ docs: r.docs, loading: true }));
    const sub = combineLatest(queries.map((query) => collection.find(query).$)).subscribe({
      next: (lists) => setResult({ docs: lists.flat().map((d) => d.toJSON() as T), loading: false }),
      error: () => setResult({ docs: [], loading: false }),
    });
    return () => sub.unsubscribe();
  }, [collection, queries]);
  return result;
}

/**
 * Whether RxDB can count `selector` from an index alone (its query planner says the index satisfies the selector).
 * Otherwise RxDB refuses the count, but only after reading every document in the range: never ask for it.
 */
export function countsThroughIndex<T>(collection: RxCollection<T>, selector: MangoQuery<T>['selector']): boolean {
  return collection.count({ selector }).getPreparedQuery().queryPlan.selectorSatisfiedByIndex;
}

/**
 * A live, exact count through an index; null while counting, and null for a selector no index can count (the
 * caller says so instead of showing a number). RxDB keeps it current from the change events without re-counting.
 */
export function useIndexedCount<T>(
  collection: RxCollection<T> | null,
  selector: MangoQuery<T>['selector'] | null,
): number | null {
  return useIndexedCounts(collection, selector ? [selector] : null);
}

/** The sum of live indexed counts (e.g. one per queue): null until every one is known, 0 for no selectors. */
export function useIndexedCounts<T>(
  collection: RxCollection<T> | null,
  asked: MangoQuery<T>['selector'][] | null,
): number | null {
  const selectors = useKeyed(asked);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    setCount(null);
    if (!collection || !selectors?.every((selector) => countsThroughIndex(collection, selector))) return;
    if (selectors.length === 0) {
      setCount(0);
      return;
    }
    const counts = selectors.map((selector) => collection.count({ selector }).$);
    const sub = combineLatest(counts).subscribe({
      next: (each) => setCount(each.reduce((sum, n) => sum + n, 0)),
      error: () => setCount(null),
    });
    return () => sub.unsubscribe();
  }, [collection, selectors]);
  return count;
}

export const formatCount = (n: number | null): string => (n === null ? '…' : String(n));

/**
 * One document, live. While a new id is being read, `hint(id)` (e.g. the row the user opened) stands in for it;
 * without a hint the previous document stays until the new one arrives.
 */
export function useRxDoc<T, H = T>(
  collection: RxCollection<T> | null,
  id: string | null,
  hint?: (id: string) => H | null,
): T | H | null {
  const read = useRxDocRead(collection, id);
  if (!collection || !id) return null;
  if (read.id === id) return read.doc;
  return hint?.(id) ?? read.doc;
}

/** The last read of a live document: `id` says which one it is (another id while the new one is being read). */
export function useRxDocRead<T>(
  collection: RxCollection<T> | null,
  id: string | null,
): { id: string | null; doc: T | null } {
  const [state, setState] = useState<{ id: string | null; doc: T | null }>({ id: null, doc: null });
  useEffect(() => {
    if (!collection || !id) {
      setState({ id, doc: null });
      return;
    }
    const sub = collection.findOne(id).$.subscribe((d) => setState({ id, doc: d ? (d.toJSON() as T) : null }));
    return () => sub.unsubscribe();
  }, [collection, id]);
  return state;
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
