import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TitleIndex } from './title-index';

function indexOf(titles: Record<string, string>): TitleIndex {
  const index = new TitleIndex();
  for (const [id, title] of Object.entries(titles)) index.set(id, title);
  index.markReady();
  return index;
}

describe('title index', () => {
  const index = indexOf({
    a: 'Printer on floor 3 jams',
    b: 'VPN drops in Munich office',
    c: 'Printer driver for the Munich plotter',
    d: 'Outlook asks for my password',
    e: 'Guest Wi-Fi… password expired',
  });

  it('names the tickets whose title may contain the text, parts of words included', () => {
    expect(index.candidates('munich', 100)).toEqual(['b', 'c']);
    expect(index.candidates('MUNICH printer', 100)).toEqual(['c']);
    expect(index.candidates('inter fl', 100), 'the text may start and end inside words').toEqual(['a']);
    expect(index.candidates('zurich', 100)).toEqual([]);
    expect(index.candidates('wifi', 100), 'case and punctuation do not count').toEqual(['e']);
    expect(index.candidates('WI-FI pass', 100)).toEqual(['e']);
  });

  it('answers null when it cannot help: no word in the text, or more candidates than asked for', () => {
    expect(index.candidates('#', 100)).toBeNull();
    expect(index.candidates('r', 2)).toBeNull();
    expect(new TitleIndex().candidates('munich', 100), 'still being built').toBeNull();
  });

  it('follows title changes and removals', () => {
    const changing = indexOf({ a: 'Printer jams', b: 'VPN drops' });
    changing.set('a', 'Scanner jams');
    changing.set('b', null);
    expect(changing.candidates('printer', 100)).toEqual([]);
    expect(changing.candidates('scan', 100)).toEqual(['a']);
    expect(changing.candidates('vpn', 100)).toEqual([]);
  });

  it('never misses a title that contains the text (property)', () => {
    const word = fc.stringMatching(/^[a-zé0-9]{1,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.nat(20),
        (titleWords, pick, start, length) => {
          const titles = Object.fromEntries(titleWords.map((w, i) => [`t${i}`, w.join(' ')]));
          const source = titleWords[pick % titleWords.length]?.join(' ') ?? '';
          const text = source.slice(start % (source.length + 1), (start % (source.length + 1)) + length);
          const found = indexOf(titles).candidates(text, 1000);
          if (found === null) return; // no word in the text: the search walks
          for (const [id, title] of Object.entries(titles)) {
            if (title.toLowerCase().includes(text.toLowerCase())) expect(found).toContain(id);
          }
        },
      ),
    );
  });
});
