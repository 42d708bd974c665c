import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/languages.js';
import { normalize } from '../../src/core/normalize.js';
import { stemHead } from '../../src/core/patterns/compile.js';
import { stemPolish, stemWord } from '../../src/core/stem.js';
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
});
