import fc from 'fast-check';
import { francAll } from 'franc';
import { describe, expect, it } from 'vitest';
import { expressions } from 'franc/expressions.js';
import { createLatinCounter, createTrigramRanker } from '../../src/core/trigrams.js';
import { corpusTexts } from '../support/corpus-texts.js';

const ONLY = ['eng', 'fra', 'spa', 'por', 'deu', 'ita', 'pol'];

describe('trigram ranker', () => {
  const ranker = createTrigramRanker(ONLY, 3);
  const same = (text: string): void => {
    expect(ranker.rank(text)).toEqual(francAll(text, { only: ONLY, minLength: 3 }));
  };

  it('ranks every corpus message as franc does', () => {
    const texts = corpusTexts();
    expect(texts.length).toBeGreaterThan(1000);
    for (const text of texts) {
      same(text.slice(0, 400));
      same(text.slice(0, 12));
    }
  });

  it('ranks short, empty, mixed-script and symbol-only texts as franc does', () => {
    for (const t of ['', 'ab', 'abc', '!!!', '123 456', 'привет мир ok', '你好 hello', 'İstanbul ŞEHİR', 'ÀÉÎÕÜ ß', 'a  b\t\nc']) same(t);
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (t) => same(t)), { numRuns: 500 });
    // with Latin letters beyond the BMP (surrogate pairs franc's expression counts as one), lone surrogates, emoji
    const pieces = fc.constantFrom('the ', 'la ', 'ção ', 'ß', 'ł', 'и', '中', ' ', '!', '7', 'é', 'ij', 'qu', 'sch', '\u{10780}', '\u{1DF00}', '\uD801', '\uDF80', '🙏', '\u{1D400}');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (p) => same(p.join(''))), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (t) => same(t)), { numRuns: 500 });
  });

  it('ranks as franc does once a thousand distinct characters have been seen (trigram keys give way to strings)', () => {
    const fresh = createTrigramRanker(ONLY, 3);
    // Latin text with 1,200 distinct Greek and Cyrillic-supplement letters spread through it, 40 at a time
    for (let start = 0x370; start < 0x370 + 1200; start += 40) {
      let text = 'the seller asks you to close the dispute ';
      for (let u = start; u < start + 40; u++) text += `${String.fromCharCode(u)}ab `;
      expect(fresh.rank(text)).toEqual(francAll(text, { only: ONLY, minLength: 3 }));
    }
    for (const text of corpusTexts().slice(0, 200)) expect(fresh.rank(text)).toEqual(francAll(text, { only: ONLY, minLength: 3 }));
  });

  it("counts Latin characters as a global match of franc's Latin expression does", () => {
    const latin = expressions['Latin']!;
    const count = createLatinCounter(latin.source)!;
    expect(count).toBeDefined();
    const want = (t: string) => t.match(new RegExp(latin.source, 'g'))?.length ?? 0;
    const pieces = fc.constantFrom('abc', 'É', 'ß', '中', 'и', '\u{10780}', '\u{1DF00}', '\u{1DF25}', '\uD801', '\uD837', '\uDF80', '🙏', ' ', 'ª');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }), (p) => {
      expect(count(p.join(''))).toBe(want(p.join('')));
    }), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (t) => {
      expect(count(t)).toBe(want(t));
    }), { numRuns: 1000 });
    expect(createLatinCounter('[a-z]|x[a-z]')).toBeUndefined();
  });
});
