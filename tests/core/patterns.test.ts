/** Every pattern file: valid, every rule with examples that behave, every regex safe on adversarial input. */
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../src/core/patterns/examples.js';
import { compilePatterns, unsafeRegexReason } from '../../src/core/patterns/compile.js';
import { readPatternFiles, readStemSeed } from '../../src/load.js';

// compiled from the files themselves (not the compiled snapshot): the rules carry their examples
const set = compilePatterns(readPatternFiles(), readStemSeed());

describe('pattern library', () => {
  it('loads and has rules in every language', () => {
    const langs = new Set(set.rules.map((r) => r.lang));
    for (const l of ['en', 'fr', 'ru', 'es', 'pt', 'de', 'it', 'pl']) expect(langs.has(l as never)).toBe(true);
  });

  it('has rules for every category in every language', () => {
    const pairs = new Set(set.rules.map((r) => `${r.category}/${r.lang}`));
    const missing: string[] = [];
    for (const c of ['close_dispute', 'offplatform_refund', 'pity_story', 'coupon_promise', 'extend_then_wait', 'resend_promise', 'buyer_blame']) {
      for (const l of ['en', 'fr', 'ru', 'es', 'pt', 'de', 'it', 'pl']) if (!pairs.has(`${c}/${l}`)) missing.push(`${c}/${l}`);
    }
    expect(missing).toEqual([]);
  });

  it('every rule matches its "match" examples and none of its "noMatch" examples', () => {
    expect(checkExamples(set).map((f) => `${f.rule} ${f.expected}: ${f.example}`)).toEqual([]);
  });

  it('every rule has at least one example of each kind', () => {
    for (const r of set.rules) {
      expect(r.source!.match.length, r.id).toBeGreaterThan(0);
      expect(r.source!.noMatch.length, r.id).toBeGreaterThan(0);
    }
  });
});

/** Inputs built to make a backtracking regex blow up: long runs of the characters it accepts, with a bad end. */
function adversarialInputs(source: string, examples: readonly string[]): string[] {
  const alphabet = ['a', 'z', '0', '9', ' ', '.', '-', '_', '@', '+', '/', 'я', 'é', 'x', '1'];
  const inputs = alphabet.map((c) => c.repeat(20_000) + '!');
  inputs.push('a@'.repeat(10_000), 'a.'.repeat(10_000) + '@', '0 '.repeat(10_000), '+8'.repeat(10_000));
  for (const e of examples) {
    const n = e.toLowerCase();
    inputs.push(n.slice(0, -1).repeat(Math.ceil(20_000 / Math.max(1, n.length))));
  }
  // literal runs of the regex's own letters
  const letters = source.replace(/\\./g, '').replace(/[^\p{L}\p{N}@.+-]/gu, '');
  if (letters) inputs.push(letters.repeat(Math.ceil(20_000 / letters.length)));
  return inputs;
}

describe('regex rules', () => {
  const regexRules = set.regexRules.map((i) => set.rules[i]!);

  it('are rejected when they nest quantifiers', () => {
    expect(unsafeRegexReason('(a+)+b')).toMatch(/nested/);
    expect(unsafeRegexReason('(\\w*)*x')).toMatch(/nested/);
    expect(unsafeRegexReason('(a|aa)+')).toMatch(/alternation/);
    expect(unsafeRegexReason('[a-z]{1,40}@[a-z]{1,40}')).toBeUndefined();
  });

  it.each(regexRules.map((r) => [r.id, r] as const))('%s stays fast on adversarial input', (_id, rule) => {
    for (const input of adversarialInputs(rule.regex!.source, rule.source!.match)) {
      const started = performance.now();
      const re = new RegExp(rule.regex!.source, 'gu');
      let n = 0;
      for (const _ of input.matchAll(re)) if (++n > 1000) break;
      const ms = performance.now() - started;
      // a catastrophic pattern takes seconds on 20,000 characters; a linear one a few milliseconds
      expect(ms, `${rule.id} on ${JSON.stringify(input.slice(0, 20))}…`).toBeLessThan(250);
    }
  });
});
