/**
 * Key-order-independent equality of JSON values. Needed because PostgreSQL's jsonb reorders object keys, so a
 * document read back from the database and the same document from a client can differ in key order only.
 *
 * These functions recurse, so they refuse values nested deeper than MAX_JSON_DEPTH with a RangeError instead of
 * overflowing the stack (the server refuses such input at its edge, at 32 levels, before it gets here).
 */
export const MAX_JSON_DEPTH = 64;

function descend(depth: number): number {
  if (depth >= MAX_JSON_DEPTH) throw new RangeError(`JSON value nested more than ${MAX_JSON_DEPTH} levels deep`);
  return depth + 1;
}

export function canonicalJson(value: unknown, depth = 0): string {
  if (Array.isArray(value)) {
    const inner = descend(depth);
    return `[${value.map((item) => canonicalJson(item, inner)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = descend(depth);
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v, inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether `canonicalJson(a) === canonicalJson(b)`, found by walking both values instead of printing them (it runs
 * for every pushed row on the server and every pulled document on the client).
 */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  // Two different strings, booleans or finite numbers print differently: no need to print them to know.
  if (typeof a === typeof b && (typeof a === 'string' || typeof a === 'boolean' || bothFinite(a, b))) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return canonicalJson(a, depth) === canonicalJson(b, depth);
  }
  const inner = descend(depth);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i], inner))
    );
  }
  return sameFields(a as Record<string, unknown>, b as Record<string, unknown>, undefined, inner);
}

const bothFinite = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b);

/** Objects compared as `sameJson` does, leaving out the keys in `skip` (a field set to undefined is absent). */
export function sameFields(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  skip?: ReadonlySet<string>,
  depth = 0,
): boolean {
  let fieldsOfA = 0;
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (value === undefined || skip?.has(key)) continue;
    fieldsOfA += 1;
    const other = Object.hasOwn(b, key) ? b[key] : undefined;
    if (other === undefined || !sameJson(value, other, depth)) return false;
  }
  let fieldsOfB = 0;
  for (const key of Object.keys(b)) if (b[key] !== undefined && !skip?.has(key)) fieldsOfB += 1;
  return fieldsOfA === fieldsOfB;
}

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
