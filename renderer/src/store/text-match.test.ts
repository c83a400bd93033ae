import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, MATCH, matchRank, rankMatches, titlePattern } from './text-match';

describe('typed text against titles and names', () => {
  it.each([
    // query, text, rank
    ['service desk', 'Service Desk', MATCH.exact],
    ['SERVICE', 'Service Desk', MATCH.prefix],
    ['service', 'Field Services', MATCH.wordStart],
    ['desk', 'Service Desk', MATCH.wordStart],
    ['vice', 'Service Desk', MATCH.inside],
    ['wifi', 'Guest Wi-Fi… no connection', MATCH.wordStart],
    ['wi-fi', 'Guest WiFi down', MATCH.wordStart],
    ['guest wifi', 'Guest Wi-Fi: password', MATCH.prefix],
    ['go to breached', 'Go to Breached', MATCH.exact],
    ['  printer  ', 'Printer (3rd floor)', MATCH.prefix],
    ['3rd floor', 'Printer (3rd floor)', MATCH.wordStart],
    ['wi fi', 'Guest Wi-Fi', null],
    ['laptop', 'Service Desk', null],
    ['', 'Service Desk', null],
    ['…', 'Service Desk', null],
  ] as const)('%j in %j', (query, text, rank) => {
    expect(matchRank(query, text)).toBe(rank);
  });

  it('puts the best match first: "service" finds Service Desk before Field Services', () => {
    const queues = [
      { name: 'Field Services', description: 'On-site visits' },
      { name: 'Network', description: 'Connectivity, VPN, Wi-Fi' },
      { name: 'Service Desk', description: 'First line for every service' },
    ];
    expect(rankMatches('service', queues, (q) => [q.name, q.description]).map((q) => q.name)).toEqual([
      'Service Desk',
      'Field Services',
    ]);
    expect(rankMatches('wifi', queues, (q) => [q.name, q.description]).map((q) => q.name)).toEqual(['Network']);
  });
});

/** Titles and queries made of letters of both cases, digits, spaces and punctuation, as people type them. */
const text = fc.string({
  unit: fc.constantFrom(...'aAbBéÉ1 -.’…/()_'.split('')),
  maxLength: 12,
});

describe('the storage pattern of a query', () => {
  it('matches a raw title exactly when the folded title contains the folded query', () => {
    fc.assert(
      fc.property(text, text, (title, query) => {
        const pattern = titlePattern(query);
        if (pattern === null) return fold(query) === '';
        return new RegExp(pattern, 'iu').test(title) === fold(title).includes(fold(query));
      }),
      { numRuns: 2000 },
    );
  });

  it('treats the query as text, not as a regular expression', () => {
    expect(new RegExp(titlePattern('a.b*') ?? '', 'iu').test('axbbb')).toBe(false);
    expect(new RegExp(titlePattern('a.b*') ?? '', 'iu').test('ab')).toBe(true);
  });
});
