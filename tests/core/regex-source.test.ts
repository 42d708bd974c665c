import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/normalize.js';
import { matchPatterns, wordEntries } from '../../src/core/patterns/match.js';
import { regexTriggers, requiredLiterals, triggerPlaces, unsafeRegexReason } from '../../src/core/patterns/regex-source.js';
import { tokenize } from '../../src/core/tokens.js';
import { compilePatterns } from '../../src/core/patterns/compile.js';
import { readPatternFiles, readStemSeed } from '../../src/load.js';
import { corpusTexts } from '../support/corpus-texts.js';

const show = (source: string) =>
  regexTriggers(source)?.map(
    (t) => `${t.atWordStart ? '^' : ''}${t.text}${t.wholeWord ? '$' : ''}${t.inText ? '(text)' : ''}${t.atMatchStart ? '' : '(inside)'}`,
  );

describe('regex triggers', () => {
  it('reads literal starts, alternatives, optional parts, digits and symbols', () => {
    expect(show('\\b(?:close|cancel)\\b')).toEqual(['^close', '^cancel']);
    expect(show('(?<!not )\\bvia (?:paypal|wise)')).toEqual(['^via$']);
    expect(show('(?:the )?dispute')).toEqual(['dispute(inside)']);
    expect(show('colou?r')).toEqual(['colou', 'color']);
    expect(show('\\b(?:at?tendez|patientez)')).toEqual(['^at', '^patientez']);
    expect(show('[a-z]{1,9}@[a-z]{1,9}')).toEqual(['@(text)(inside)']);
    const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    expect(show('\\d{2} days')).toEqual(digits);
    expect(show('\\b\\d{1,4} ?(?:usd|eur)')).toEqual(digits.map((d) => `^${d}`));
    expect(show('(?:\\d ?(?:€|eur)|\\bgeld) fur (?:den|die)')).toEqual([...digits, '^geld']);
    expect(show('\\b(?:you|o senhor) (?:lie|lied)')).toEqual(['^you', '^o$']);
    // a trigger of one or two letters that does not start the match: a later literal is a better one
    expect(show('[a-z]{1,3}no (?:more|less) than')).toEqual(['than(inside)']);
    expect(show('[a-z]{1,3}no \\d{1,2} days')).toEqual(['days(inside)']);
    expect(show('(?:^|[.!] ?)patience')).toEqual(['patience(inside)']);
    expect(show('a|[xy]+')).toBeUndefined();
  });

  it('runs a regex without readable triggers on every message', () => {
    const set = compilePatterns([
      {
        path: 'test.json',
        file: {
          category: 'coupon_promise',
          language: 'any',
          rules: [{ id: 'any.t.xyz', kind: 'regex', regex: '[xy]{3}[z.]', weight: 0.5, match: ['xyyz'], noMatch: ['xz'] }],
        },
      },
    ]);
    expect(set.regexAlways).toEqual([0]);
    const text = normalize('a xyxz b').text;
    expect(matchPatterns(set, text, tokenize(text))).toEqual([{ rule: 0, spans: [[2, 6]] }]);
  });

  it('rejects catastrophic shapes', () => {
    expect(unsafeRegexReason('(a+)+b')).toMatch(/nested/);
    expect(unsafeRegexReason('[(]+(a)')).toBeUndefined();
  });

  it('never keeps a regex rule from a match: the matcher finds what a full scan finds, on the corpus and random text', () => {
    // compiled from the files (the rules carry their examples); the matcher is the same for the snapshot
    const set = compilePatterns(readPatternFiles(), readStemSeed());
    const regexRules = set.regexRules.map((r) => [r, set.rules[r]!] as const);
    const check = (text: string) => {
      const norm = normalize(text, set.lexicon);
      const hits = new Map(matchPatterns(set, norm.text, tokenize(norm.text)).map((h) => [h.rule, h.spans]));
      for (const [r, rule] of regexRules) {
        const re = new RegExp(rule.regex!.source, 'gu');
        const spans: [number, number][] = [];
        for (const m of norm.text.matchAll(re)) {
          if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
          if (spans.length >= 20) break;
        }
        expect(hits.get(r) ?? [], `${rule.id} on "${norm.text}"`).toEqual(spans);
      }
    };
    const examples = regexRules.flatMap(([, rule]) => [...rule.source!.match, ...rule.source!.noMatch]);
    for (const text of [...corpusTexts(), ...examples]) check(text);
    const pieces = fc.constantFrom('wait', 'more', '5', 'days', 'send', 'new', 'one', '@', 'mail.com', '+86 138', 'é', 'я', 'закр', 'спор', ' ', '.', 'non', 'nie', 'paypal');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 25 }), (p) => check(p.join(' '))), { numRuns: 300 });
  });

  it('finds in each word the trigger places triggerPlaces defines (the word table indexes triggers by their start)', () => {
    const set = compilePatterns(readPatternFiles(), readStemSeed());
    const all = set.regexTriggers;
    const words = new Set<string>();
    for (const text of corpusTexts()) for (const t of tokenize(normalize(text, set.lexicon).text)) words.add(t.word);
    for (const w of ['wait', 'waiting', 'a', 'es', 'erreur', 'erreurs', 'paypal', 'apaypal', 'zl', '5zl', 'x']) words.add(w);
    const tokens = [...words].map((word, i) => ({ word, start: i, end: i + word.length, sentence: 0 }));
    const entries = wordEntries(set, tokens);
    let found = 0;
    entries.forEach((e) => {
      const want = new Map<number, Set<number>>();
      for (const [t, rule] of all) {
        for (const k of triggerPlaces(e.word, t)) {
          if (!want.has(rule)) want.set(rule, new Set());
          want.get(rule)!.add(k);
        }
      }
      const got = new Map(e.regexes.map(([rule, at]) => [rule, [...at]]));
      expect(got, e.word).toEqual(new Map([...want].map(([r, at]) => [r, [...at].sort((a, b) => a - b)])));
      found += got.size;
    });
    expect(found).toBeGreaterThan(1000);
  });

  it('reads the literals every match must hold one of', () => {
    expect(requiredLiterals('abc|de(?:fg|hi)')).toEqual(['abc', 'de']);
    expect(requiredLiterals('(?:ab)?cd')).toEqual(['cd']);
    expect(requiredLiterals('a\\d+b')).toBeUndefined();
    expect(requiredLiterals('x(?:yy|z)')).toBeUndefined();
    expect(requiredLiterals('\\bwait\\b[a-z ]{0,9}(?:days?|weeks?)')).toEqual(['wait']);
    expect(requiredLiterals('\\b(?:de|da) mais (?:uns|umas)')).toEqual(['mais']);
    expect(requiredLiterals('(?<!no )close|(?:shut|end) (?:it|the case)')).toEqual(['close', 'shut', 'end']);
    expect(requiredLiterals('at?tendez')).toEqual(['tendez']);
    // escapes that are not literal letters are not read as letters
    expect(requiredLiterals('(?<w>[a-z]+) \\k<w>')).toBeUndefined();
    expect(requiredLiterals('ab\\cJcd')).toEqual(['ab']);
    expect(show('\\k<w>ord')).toBeUndefined();
  });

  it("finds one of a rule's required literals in every match, on the corpus and the rules' examples", () => {
    const set = compilePatterns(readPatternFiles(), readStemSeed());
    let matches = 0;
    for (const r of set.regexRules) {
      const rule = set.rules[r]!;
      if (!rule.required) continue;
      for (const text of [...corpusTexts(), ...rule.source!.match]) {
        for (const m of normalize(text, set.lexicon).text.matchAll(new RegExp(rule.regex!.source, 'gu'))) {
          matches++;
          expect(rule.required.some((l) => m[0].includes(l)), `${rule.id}: "${m[0]}"`).toBe(true);
        }
      }
    }
    expect(matches).toBeGreaterThan(300);
  });
});
