import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './storable-text';

describe('findUnstorableText', () => {
  it('names the field holding a NUL or a lone surrogate', () => {
    expect(findUnstorableText({ title: 'a\u0000b' }, 'body')).toMatch(/^body\.title: must not contain NUL/);
    expect(findUnstorableText({ tags: ['ok', '\uD800'] }, 'body')).toMatch(/^body\.tags\.1:/);
    expect(findUnstorableText({ x: '\uDC00' })).not.toBeNull();
  });

  it('accepts every well-formed string, including emoji', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(findUnstorableText({ text: text.replaceAll('\u0000', '') })).toBeNull();
      }),
    );
    expect(findUnstorableText({ text: 'laptop 💻 broken' })).toBeNull();
  });

  it('refuses deep nesting', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i += 1) deep = [deep];
    expect(findUnstorableText(deep)).toMatch(/nested more than 32 levels/);
  });
});
