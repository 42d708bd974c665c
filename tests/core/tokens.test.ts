import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/normalize.js';
import { tokenize, type Token } from '../../src/core/tokens.js';
import { corpusTexts } from '../support/corpus-texts.js';

/** The definition: runs of letters, marks and digits; . ! ; and line breaks between two words end a sentence. */
function reference(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    if (out.length > 0 && /[.!;\n。！]/u.test(text.slice(last, m.index))) sentence++;
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length, sentence });
    last = m.index + m[0].length;
  }
  return out;
}

describe('tokenize', () => {
  it('splits words and numbers sentences', () => {
    expect(tokenize('hi there. ok? yes! 42x; a\nb').map((t) => `${t.word}/${t.sentence}`)).toEqual([
      'hi/0', 'there/0', 'ok/1', 'yes/1', '42x/2', 'a/3', 'b/4',
    ]);
    expect(tokenize('...hello')).toEqual([{ word: 'hello', start: 3, end: 8, sentence: 0 }]);
  });

  it('agrees with the definition on every corpus message and on random text', () => {
    for (const original of corpusTexts()) {
      const text = normalize(original).text;
      expect(tokenize(text)).toEqual(reference(text));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => {
        expect(tokenize(t)).toEqual(reference(t));
      }),
      { numRuns: 2000 },
    );
    const pieces = fc.constantFrom('a', 'Б', '7', '²', '\u0301', '𝐀', '\ud800', '\udc00', ' ', '.', '!', '?', ';', '\n', '。', '！', '-', '_');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (p) => {
        const t = p.join('');
        expect(tokenize(t)).toEqual(reference(t));
      }),
      { numRuns: 2000 },
    );
  });
});
