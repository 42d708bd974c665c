/** The matcher's per-language work: a subset of languages finds exactly what it would find among all of them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../src/core/languages.js';
import { normalize } from '../../src/core/normalize.js';
import { matchPatterns } from '../../src/core/patterns/match.js';
import { tokenize } from '../../src/core/tokens.js';
import { loadPatterns } from '../../src/load.js';
import { corpusTexts } from '../support/corpus-texts.js';

describe('matching a subset of languages', () => {
  it("finds the subset's phrase rules, the language-neutral ones and the regex rules of a match over every language", () => {
    // one pattern set throughout: its words are cached per set of languages, and the same words come back under
    // other sets, in any order
    const set = loadPatterns();
    const texts = corpusTexts().filter((_, i) => i % 5 === 0);
    const prepared = texts.map((t) => {
      const norm = normalize(t, set.lexicon);
      return { text: norm.text, tokens: tokenize(norm.text) };
    });
    const everything = prepared.map((p) => matchPatterns(set, p.text, p.tokens));
    let compared = 0;
    fc.assert(
      fc.property(fc.subarray([...LANGUAGES], { minLength: 0 }), fc.nat(prepared.length - 1), (langs: Lang[], k) => {
        const p = prepared[k]!;
        const only = new Set<string>(langs);
        const want = everything[k]!.filter((h) => {
          const rule = set.rules[h.rule]!;
          return rule.regex !== undefined || rule.lang === 'any' || only.has(rule.lang);
        });
        expect(matchPatterns(set, p.text, p.tokens, only)).toEqual(want);
        compared++;
      }),
      { numRuns: 3000 },
    );
    // and every message again over every language, after all that
    prepared.forEach((p, k) => expect(matchPatterns(set, p.text, p.tokens)).toEqual(everything[k]));
    expect(compared).toBe(3000);
    expect(everything.filter((h) => h.length > 0).length).toBeGreaterThan(texts.length / 2);
  });
});
