import fc from 'fast-check';
import { francAll } from 'franc';
import { describe, expect, it } from 'vitest';
import { createTrigramRanker } from '../../src/core/trigrams.js';
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
    const pieces = fc.constantFrom('the ', 'la ', 'ção ', 'ß', 'ł', 'и', '中', ' ', '!', '7', 'é', 'ij', 'qu', 'sch');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (p) => same(p.join(''))), { numRuns: 500 });
  });
});
