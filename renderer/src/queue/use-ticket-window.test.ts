import { describe, expect, it } from 'vitest';
import { endAfterPage, pagesFor } from './use-ticket-window';

describe('which pages of the list are loaded', () => {
  it('loads the page on screen plus half a page of slack each side', () => {
    expect(pagesFor(0, 30, 10_000)).toEqual([0]);
    expect(pagesFor(80, 110, 10_000)).toEqual([0, 1]);
    expect(pagesFor(9_990, 9_999, 10_000)).toEqual([99]);
  });
});

describe('where the list ends, learnt from its pages', () => {
  it('a short page ends the list; full pages say nothing', () => {
    expect(endAfterPage(null, 0, 100)).toBeNull();
    expect(endAfterPage(null, 0, 42)).toBe(42);
    expect(endAfterPage(null, 3, 7)).toBe(307);
  });

  it('pages past the end come back empty in any order, and the earliest end stands', () => {
    // A search narrowed a list that was scrolled to row ~250: pages 1 and 2 are read first, both empty.
    expect(endAfterPage(endAfterPage(null, 1, 0), 2, 0)).toBe(100);
    expect(endAfterPage(endAfterPage(null, 2, 0), 1, 0)).toBe(100);
    // Then page 0 shows where the rows really end.
    expect(endAfterPage(100, 0, 42)).toBe(42);
  });

  it('follows the last page as rows are added or removed', () => {
    expect(endAfterPage(42, 0, 43)).toBe(43);
    expect(endAfterPage(43, 0, 41)).toBe(41);
    // The last page filled up: the end is past it, not yet known.
    expect(endAfterPage(100, 0, 100)).toBeNull();
    expect(endAfterPage(150, 1, 100)).toBeNull();
    // A full page before the known end changes nothing.
    expect(endAfterPage(250, 0, 100)).toBe(250);
  });
});
