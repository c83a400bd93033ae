import { useRef } from 'react';

/**
 * `value` as it was when `key` last changed: a new object with the same content (a query, a list of selectors or
 * page numbers, rebuilt on every render) keeps its identity, so effects and memos can depend on it directly instead
 * of on a key standing for it. The key is the value's JSON unless the caller has a cheaper one.
 */
export function useKeyed<T>(value: T, key: string = JSON.stringify(value) ?? ''): T {
  const kept = useRef({ key, value });
  if (kept.current.key !== key) kept.current = { key, value };
  return kept.current.value;
}
