import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeFull, toOriginal } from '../../src/core/normalize.js';
import { loadPatterns } from '../../src/load.js';
import { corpusTexts } from '../support/corpus-texts.js';

const lexicon = new Set(['paypal', 'close', 'dispute', 'cancel', 'refund', 'спор', 'закроите']);
const norm = (s: string) => normalize(s, lexicon).text;

describe('normalize', () => {
  it('lower-cases, folds diacritics and applies NFKC', () => {
    expect(norm('ÉTÉ Straße łódź Ｆｕｌｌ')).toBe('ete strasse lodz full');
  });

  it('drops zero-width characters inside words and turns emoji into spaces', () => {
    expect(norm('clo\u200bse 😀the\u2060 dispute')).toBe('close the dispute');
  });

  it('turns control characters into spaces and collapses runs of spaces', () => {
    expect(norm('close\u0000\u0007the \t\n dispute')).toBe('close the dispute');
  });

  it('reads digits standing for letters, choosing the reading the lexicon knows', () => {
    expect(norm('c1ose the d1spute')).toBe('close the dispute');
    expect(norm('PayPaI')).toBe('paypal');
    // a symbol next to a digit that stands for a letter, when the lexicon knows the word
    expect(norm('d1$pute')).toBe('dispute');
    expect(norm('pay 100$ now')).toBe('pay 100$ now');
    expect(norm('r3fund')).toBe('refund');
  });

  it('keeps numbers, prices, tracking codes and e-mail addresses as they are', () => {
    expect(norm('100% $50 LP00123456789CN shop.lee@gmail.com')).toBe('100% $50 lp00123456789cn shop.lee@gmail.com');
  });

  it('joins words split by spaces, dots or hyphens', () => {
    expect(norm('p a y p a l')).toBe('paypal');
    expect(norm('c-a-n-c-e-l the dispute')).toBe('cancel the dispute');
    expect(norm('pay.pal')).toBe('paypal');
  });

  it('does not join ordinary words', () => {
    expect(norm('I am a good seller. Next time')).toBe('i am a good seller. next time');
  });

  it('maps look-alike letters of another script to the word\'s script', () => {
    expect(norm('dіsрute')).toBe('dispute'); // Cyrillic і and р in a Latin word
    expect(norm('Закрoйте спoр')).toBe('закроите спор'); // Latin o in Cyrillic words
    expect(norm('РауРаl')).toBe('paypal'); // Cyrillic look-alikes with a Latin l
  });

  it('maps every unit back to the original text', () => {
    const input = 'Hi 😀 please C1OSE the\u200b dispute';
    const n = normalize(input, lexicon);
    expect(n.start.length).toBe(n.text.length);
    const at = n.text.indexOf('close the dispute');
    const o = toOriginal(n, at, at + 'close the dispute'.length);
    expect(input.slice(o.start, o.end)).toBe('C1OSE the\u200b dispute');
  });

  it('keeps surrogate pairs whole in the offsets', () => {
    const input = '𝐜𝐥𝐨𝐬𝐞 dispute';
    const n = normalize(input, lexicon);
    expect(n.text).toBe('close dispute');
    const o = toOriginal(n, 0, 5);
    expect(input.slice(o.start, o.end)).toBe('𝐜𝐥𝐨𝐬𝐞');
  });

  it('keeps offsets right after a character outside the BMP that stays in the text', () => {
    const input = '𠀀 please close the dispute';
    const n = normalize(input, lexicon);
    expect(n.start.length).toBe(n.text.length);
    const at = n.text.indexOf('close');
    const o = toOriginal(n, at, at + 5);
    expect(input.slice(o.start, o.end)).toBe('close');
  });

  it('returns an empty text for empty, blank and emoji-only input', () => {
    for (const s of ['', '   ', '😀😀', '\u200b']) expect(normalize(s).text).toBe('');
  });
});

describe('normalize: one-letter words', () => {
  it('keeps a lower-case one-letter word apart from a spaced-out capital word', () => {
    expect(normalize('Proszę o Z A M K N I E C I E sporu').text).toBe('prosze o zamkniecie sporu');
  });
});

describe('normalize, word by word', () => {
  const same = (text: string, lex: ReadonlySet<string> | undefined) => {
    const fast = normalize(text, lex);
    const full = normalizeFull(text, lex);
    expect(fast.text).toBe(full.text);
    expect([...fast.start]).toEqual([...full.start]);
    expect([...fast.end]).toEqual([...full.end]);
  };

  it('gives the reference result on every corpus message, with the pattern lexicon and without one', () => {
    const patterns = loadPatterns();
    const texts = corpusTexts();
    expect(texts.length).toBeGreaterThan(1000);
    for (const text of texts) {
      same(text, patterns.lexicon);
      same(text, undefined);
    }
  });

  it('gives the reference result when folding makes the text longer than the input', () => {
    same(`${'ﬁ ß½ '.repeat(400)}${'a'.repeat(300)} Straße`, undefined);
    same('æ'.repeat(50) + 'x'.repeat(50), undefined);
    // letters outside the basic plane, spelled out
    same('𐌰 𐌱 𐌲 𐌳 and 𠀀-𠀁-𠀂', undefined);
    // a lone surrogate next to letters is not a letter
    same('\ud800a b c d \udc00e', undefined);
  });

  it('gives the reference result on random text of evasive pieces, scripts, marks and symbols', () => {
    const pieces = fc.constantFrom(
      'close', 'Dispute', 'PayPaI', 'c1ose', 'd1$pute', 'p a y p a l', 'pay.pal', 'e-mail', 'спор', 'sпор', 'Зaкрoй',
      'I', 'a', 'é', 'e\u0301', '\u0301', 'ß', 'ﬁ', 'Ｆ', '½', '😀', '\u200b', '\u00ad', '\n', '\t', ' ', '  ', '-', '.', ',',
      '!', '@', '$', '|', '€', '0', '1', '3', 'İ', 'ǅ', 'Ω', 'α', '\u0000', '\ud800', '™', '№', 'ŁÓDŹ', '·', '/', '𐌰', '𠀀',
    );
    const lex = loadPatterns().lexicon;
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.boolean(), (parts, joinSpace) => {
        same(parts.join(joinSpace ? ' ' : ''), lex);
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => same(text, lex)), { numRuns: 1000 });
  });
});
