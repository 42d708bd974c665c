import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, detectLanguage, hintMask, languagesPresent } from '../../src/core/language.js';
import { corpusTexts } from '../support/corpus-texts.js';

describe('detectLanguage', () => {
  it.each([
    ['Please close the dispute', 'en'],
    ['pls cancel dispute', 'en'],
    ['Fermez le litige svp', 'fr'],
    ['Закройте спор пожалуйста', 'ru'],
    ['Закройте спор', 'ru'],
    ['Por favor cierre la disputa', 'es'],
    ['Por favor feche a disputa', 'pt'],
    ['Bitte schließen Sie den Streit', 'de'],
    ['Per favore chiudi la controversia', 'it'],
    ['Proszę zamknąć spór', 'pl'],
  ])('reads %j as %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('says und when there is nothing to tell', () => {
    for (const t of ['', '😀', '12345', 'ok', '!!!']) expect(detectLanguage(t)).toBe('und');
  });

  it('reads a Russian message with English words as Russian', () => {
    expect(detectLanguage('Друг, закрой dispute пожалуйста, я верну деньги')).toBe('ru');
  });
});

describe('languagesPresent', () => {
  it('runs every language on a short message', () => {
    expect(languagesPresent('Rispedisco gratis, ok?')).toBeUndefined();
  });

  it('keeps English, the detected language and languages with their own words or letters', () => {
    const es = 'Hola amigo, por favor cierre la disputa y le devolvemos el dinero muy pronto, gracias por su paciencia y comprensión';
    const present = languagesPresent(es)!;
    expect(present.has('es')).toBe(true);
    expect(present.has('en')).toBe(true);
    expect(present.has('ru')).toBe(false);
    expect(present.has('pl')).toBe(false);
    const mixed = 'Здравствуйте, друг! Please close the dispute, я верну деньги на карту, спасибо большое за понимание и терпение';
    const both = languagesPresent(mixed)!;
    expect(both.has('ru') && both.has('en')).toBe(true);
  });
});

describe('one-pass counting', () => {
  /** Hint words per language by definition: every run of letters looked up with hintMask. */
  const reference = (text: string): number[] => {
    const hits = new Array<number>(8).fill(0);
    for (const w of text.match(/\p{L}+/gu) ?? []) {
      const mask = hintMask(w);
      for (let k = 0; k < 8; k++) if (mask & (1 << k)) hits[k]!++;
    }
    return hits;
  };
  const same = (text: string) => {
    const got = count(text).hits;
    expect([...got, ...new Array<number>(8 - got.length).fill(0)]).toEqual(reference(text));
  };

  it('finds the hint words hintMask finds, on the corpus and made-up text', () => {
    const texts = corpusTexts();
    let withHints = 0;
    for (const t of texts) {
      same(t);
      if (count(t).hits.some((n) => n > 0)) withHints++;
    }
    expect(withHints).toBeGreaterThan(texts.length / 2);
    const pieces = fc.constantFrom('the', 'THE', 'tHe', 'la', 'LA', 'les', 'Vous', 'und', 'nie', 'się', 'não', 'thé', 'ь', 'и', 'x', ' ', '.', '7', 'é', 'ñ', 'Ł', '🙏', 'zz');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (p) => {
        same(p.join(''));
        same(p.join(' '));
      }),
      { numRuns: 1000 },
    );
  });
});
