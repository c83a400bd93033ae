import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, MAX_JSON_DEPTH, sameFields, sameJson } from './canonical';

/** JSON-ish values with the cases that matter: undefined fields, null, nested arrays and objects, shared keys. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(null, undefined, 0, 1, '', 'a', true, false),
    fc.integer(),
    fc.string({ maxLength: 3 }),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** A copy of `v` with its object keys in another order: equal by canonical JSON. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reordered(x)]),
    );
  }
  return v;
}

describe('sameJson', () => {
  it('agrees with comparing canonical JSON texts, for any two values', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameJson(a, reordered(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('treats a field set to undefined as absent, and null as a value', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(sameJson([1, undefined], [1, null])).toBe(true);
  });
});

describe('sameFields', () => {
  it('leaves out the skipped keys on both sides, and only those', () => {
    const skip = new Set(['updatedAt']);
    expect(sameFields({ a: 1, updatedAt: 'x' }, { a: 1 }, skip)).toBe(true);
    expect(sameFields({ a: 1, updatedAt: 'x' }, { a: 1, updatedAt: 'y' }, skip)).toBe(true);
    expect(sameFields({ a: 1, updatedAt: 'x' }, { a: 2, updatedAt: 'x' }, skip)).toBe(false);
    expect(sameFields({ a: 1 }, { a: 1, b: 2 }, skip)).toBe(false);
  });
});

describe('depth bound', () => {
  const nested = (depth: number) => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { a: value } : [value];
    return value;
  };

  it('compares values nested up to the bound', () => {
    expect(sameJson(nested(MAX_JSON_DEPTH), nested(MAX_JSON_DEPTH))).toBe(true);
    expect(canonicalJson(nested(MAX_JSON_DEPTH))).toContain('"x"');
  });

  it('refuses deeper values with a clear error instead of overflowing the stack', () => {
    const deep = nested(100_000);
    const message = `JSON value nested more than ${MAX_JSON_DEPTH} levels deep`;
    expect(() => sameJson(deep, nested(100_000))).toThrow(message);
    expect(() => canonicalJson(deep)).toThrow(message);
    expect(() => sameFields({ deep }, { deep: nested(100_000) })).toThrow(message);
  });
});
