/** Every locale has every key of the English one, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../src/core/languages.js';
import { ADVICE, CATEGORIES } from '../src/core/categories.js';
import { loadI18n, placeholders, readLocale } from '../src/i18n.js';

const en = readLocale('en');

describe('locales', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key with the same placeholders, and no extra key', (lang) => {
    const dict = readLocale(lang);
    const missing = [...en.keys()].filter((k) => !dict.has(k));
    const extra = [...dict.keys()].filter((k) => !en.has(k));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    const wrong = [...en].filter(([k, v]) => dict.has(k) && placeholders(dict.get(k)!).join() !== placeholders(v).join()).map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated, not copied from English', (lang) => {
    const dict = readLocale(lang);
    const words = (v: string) => v.replace(/\{\w+\}/g, '').replace(/[^\p{L}]/gu, '').length;
    const same = [...en].filter(([k, v]) => dict.get(k) === v && words(v) > 12).map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('names every category and every advice id', () => {
    for (const c of CATEGORIES) for (const part of ['name', 'why']) expect(en.has(`category.${c}.${part}`), c).toBe(true);
    for (const a of ADVICE) expect(en.has(`advice.${a}`), a).toBe(true);
  });

  it('fills placeholders and falls back to English, then to the key', () => {
    const i18n = loadI18n();
    expect(i18n.t('en', 'verdict.headline', { level: 'X', score: 7 })).toBe('X · 7/100');
    expect(i18n.t('fr', 'no.such.key')).toBe('no.such.key');
  });
});
