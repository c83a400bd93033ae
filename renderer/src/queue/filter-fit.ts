/**
 * Which filter controls fit beside the view's title and the search on the filter bar's one line. Controls keep
 * their reading order and leave from the end: whatever does not fit waits behind one "Filters" button, so the bar
 * never wraps (split view in a 1024 px window has ~420 px for it). The search keeps room for its whole hint before
 * another control comes back onto the line.
 */
export const FILTER_CONTROLS = ['status', 'priority', 'assignee', 'tag', 'sort', 'save'] as const;
export type FilterControl = (typeof FILTER_CONTROLS)[number];

/** Widths in CSS pixels as drawn on the bar (pickers get these as `w`; buttons measured in Chromium, with slack). */
export const CONTROL_WIDTH: Record<FilterControl, number> = {
  status: 140,
  priority: 120,
  assignee: 140,
  tag: 110,
  sort: 140,
  save: 90,
};
export const BAR_GAP = 8;
/** The "Filters" button with its count of settings behind it. */
export const MORE_WIDTH = 100;
/** The search field showing its whole hint, "Search title or number ( / )". */
export const SEARCH_FULL = 170;

export interface FilterFit {
  /** How many of FILTER_CONTROLS, in order, are on the bar; the rest are behind the "Filters" button. */
  inline: number;
  /** Whether the search has room for its whole hint (otherwise it shows the short one). */
  fullHint: boolean;
}

const ALL: FilterFit = { inline: FILTER_CONTROLS.length, fullHint: true };

/** The first `count` controls, each with the gap before it. */
const controlsWidth = (count: number) =>
  FILTER_CONTROLS.slice(0, count).reduce((sum, c) => sum + CONTROL_WIDTH[c] + BAR_GAP, 0);

/** `barWidth` is the bar's content width, `titleWidth` its title's; 0 (or NaN, as jsdom measures) means not measured yet: nothing is hidden. */
export function fitFilterBar(barWidth: number, titleWidth: number): FilterFit {
  if (!(barWidth > 0)) return ALL;
  const room = barWidth - titleWidth - BAR_GAP;
  for (let inline = FILTER_CONTROLS.length; inline >= 0; inline--) {
    const more = inline < FILTER_CONTROLS.length ? MORE_WIDTH + BAR_GAP : 0;
    if (room - controlsWidth(inline) - more >= SEARCH_FULL) return { inline, fullHint: true };
  }
  return { inline: 0, fullHint: false };
}
