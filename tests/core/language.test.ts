import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/core/language.js';

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
