import { describe, expect, it } from 'vitest';
import { normalize, toOriginal } from '../../src/core/normalize.js';

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
