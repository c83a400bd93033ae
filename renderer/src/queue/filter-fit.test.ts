import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAR_GAP, CONTROL_WIDTH, FILTER_CONTROLS, fitFilterBar, MORE_WIDTH, SEARCH_FULL } from './filter-fit';

const used = (inline: number, title: number) =>
  title +
  BAR_GAP +
  SEARCH_FULL +
  FILTER_CONTROLS.slice(0, inline).reduce((sum, c) => sum + CONTROL_WIDTH[c] + BAR_GAP, 0) +
  (inline < FILTER_CONTROLS.length ? MORE_WIDTH + BAR_GAP : 0);

describe('fitFilterBar', () => {
  it('shows every control before the bar has been measured', () => {
    expect(fitFilterBar(0, 0)).toEqual({ inline: FILTER_CONTROLS.length, fullHint: true });
  });

  it('keeps only the title, the search and the Filters button in split view at 1024 px', () => {
    // The list column's filter bar there: 442 px minus its padding; "All open tickets · 1,273" is the longest title.
    expect(fitFilterBar(422, 200)).toEqual({ inline: 0, fullHint: false });
    expect(fitFilterBar(422, 120)).toEqual({ inline: 0, fullHint: true });
  });

  it('puts every control on the line of a wide list', () => {
    expect(fitFilterBar(1680, 200).inline).toBe(FILTER_CONTROLS.length);
  });

  it('never plans a line wider than the bar while a control is on it, and shows as many as fit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 400 }), (bar, title) => {
        const { inline, fullHint } = fitFilterBar(bar, title);
        if (inline > 0) expect(used(inline, title)).toBeLessThanOrEqual(bar);
        for (let more = inline + 1; more <= FILTER_CONTROLS.length; more++)
          expect(used(more, title)).toBeGreaterThan(bar);
        expect(fullHint).toBe(used(inline, title) <= bar);
      }),
    );
  });
});
