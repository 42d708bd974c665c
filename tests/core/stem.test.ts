import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/languages.js';
import { normalize } from '../../src/core/normalize.js';
import { stemHead } from '../../src/core/patterns/compile.js';
import es from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import fc from 'fast-check';
import { fastSpanish, stemPolish, stemWord } from '../../src/core/stem.js';
import { tokenize } from '../../src/core/tokens.js';
import { corpusTexts } from '../support/corpus-texts.js';

describe('stemmers', () => {
  it('strip Polish endings and keep four letters', () => {
    expect(stemPolish('zamowienia')).toBe('zamowien');
    expect(stemPolish('spor')).toBe('spor');
  });

  it("keep the head of a word (stemHead), which the matcher relies on to skip stemmers (LangIndex.stemHeads)", () => {
    const words = new Set<string>();
    for (const text of corpusTexts()) for (const t of tokenize(normalize(text).text)) words.add(t.word);
    expect(words.size).toBeGreaterThan(5000);
    const broken: string[] = [];
    for (const lang of LANGUAGES) {
      for (const w of words) {
        if (!w.startsWith(stemHead(lang, stemWord(lang, w)))) broken.push(`${lang}:${w}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("give the same Spanish stems as natural's own stemmer (fastSpanish replaces two of its helpers)", () => {
    const words = new Set<string>();
    for (const text of corpusTexts()) {
      // as the engine sees them (folded) and as written, with accents and capitals
      for (const t of tokenize(normalize(text).text)) words.add(t.word);
      for (const w of text.split(/[^\p{L}]+/u)) if (w) words.add(w).add(w.toLowerCase());
    }
    const differ = [...words].filter((w) => fastSpanish.stem(w) !== es.stem(w));
    expect(differ).toEqual([]);
    // and on made-up words from Spanish letters, accents and capitals
    const letter = fc.constantFrom(...'aeiouáéíóúüñbcdfglmnrstvyzAÉÍÓÚÑıſ'.split(''));
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 14 }), fc.constantFrom('', 'amiento', 'aciones', 'logía', 'ución', 'encia', 'ándose', 'iéndolo', 'yendo', 'mente'), (ls, end) => {
        const w = ls.join('') + end;
        expect(fastSpanish.stem(w)).toBe(es.stem(w));
      }),
      { numRuns: 3000 },
    );
  });
});
