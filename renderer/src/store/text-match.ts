/**
 * How typed text matches titles and names, everywhere the user searches (the list's search, the palette's tickets
 * and commands): letter case and punctuation do not count, so "wifi" finds "Guest Wi-Fi" and "wi-fi" finds "WiFi".
 * Both sides are folded the same way (lower case, punctuation removed, runs of spaces made one), and the text
 * matches when its folded form contains the query's. Matches rank exact > prefix > word start > anywhere.
 *
 * The storage filters with `titlePattern`, a regular expression over the raw title that matches exactly when the
 * folded title contains the folded query; the title index (title-index.ts) indexes the folded words.
 */

const PUNCTUATION = /[^\p{L}\p{N}\s]+/gu;

/** Lower case, punctuation removed, single spaces, trimmed: "Guest Wi-Fi…  (2nd floor)" → "guest wifi 2nd floor". */
export function fold(text: string): string {
  return text.toLowerCase().replace(PUNCTUATION, '').replace(/\s+/g, ' ').trim();
}

/** The distinct words of the folded text. */
export function foldedWords(text: string): string[] {
  const folded = fold(text);
  return folded ? [...new Set(folded.split(' '))] : [];
}

export const MATCH = { exact: 0, prefix: 1, wordStart: 2, inside: 3 } as const;
export type MatchRank = (typeof MATCH)[keyof typeof MATCH];

/** How well `text` matches `query` (smaller is better), or null when it does not; an empty query matches nothing. */
export function matchRank(query: string, text: string): MatchRank | null {
  const q = fold(query);
  const t = fold(text);
  if (!q) return null;
  if (t === q) return MATCH.exact;
  if (t.startsWith(q)) return MATCH.prefix;
  if (t.includes(` ${q}`)) return MATCH.wordStart;
  return t.includes(q) ? MATCH.inside : null;
}

/** The best rank of any of `texts` (a queue's name and its description). */
export function bestRank(query: string, texts: readonly string[]): MatchRank | null {
  let best: MatchRank | null = null;
  for (const text of texts) {
    const rank = matchRank(query, text);
    if (rank !== null && (best === null || rank < best)) best = rank;
  }
  return best;
}

/** The items that match, best first; equally good ones keep their order. */
export function rankMatches<T>(query: string, items: readonly T[], textsOf: (item: T) => readonly string[]): T[] {
  return items
    .map((item, order) => ({ item, order, rank: bestRank(query, textsOf(item)) }))
    .filter((m): m is { item: T; order: number; rank: MatchRank } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((m) => m.item);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SKIP = '[^\\p{L}\\p{N}\\s]*';

/**
 * A case-insensitive, Unicode regular expression (flags `iu`) that matches a raw title exactly when its folded form
 * contains the folded `query`: punctuation may sit between any two characters, and a space stands for any run of
 * spaces and punctuation. Null when the query has no letter or digit.
 */
export function titlePattern(query: string): string | null {
  const folded = fold(query);
  if (!folded) return null;
  const word = (w: string) => [...w].map(escapeRegex).join(SKIP);
  return folded.split(' ').map(word).join(`${SKIP}(?:\\s${SKIP})+`);
}
