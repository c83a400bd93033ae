/**
 * Key-order-independent equality of JSON values. Needed because PostgreSQL's jsonb reorders object keys, so a
 * document read back from the database and the same document from a client can differ in key order only.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Top-level fields whose values differ between two documents (by value, not key order). */
export function changedFields<T extends object>(
  before: T,
  after: T,
  ignore: readonly string[] = [],
): (keyof T & string)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const skip = new Set(ignore);
  return [...keys]
    .filter((key) => !skip.has(key))
    .filter((key) => !sameJson(before[key as keyof T], after[key as keyof T]))
    .sort() as (keyof T & string)[];
}
