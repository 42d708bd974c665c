/**
 * The pattern file format. One file per category and language: `patterns/<category>/<lang>.json`, where `<lang>`
 * is a language code or `any` for rules that hold in every language (brand names, addresses).
 */
import type * as Zod from 'zod';
import { CATEGORIES } from '../categories.js';
import { LANGUAGES } from '../languages.js';
import { lazySchema } from '../lazy-zod.js';

/** Where a rule applies: a language (its stemmer is used) or `any` (no stemming). */
export const RULE_LANGS = [...LANGUAGES, 'any'] as const;
export type RuleLang = (typeof RULE_LANGS)[number];

/** The schema of a pattern file, built with zod's namespace. */
function buildPatternFile(z: typeof Zod.z) {
  const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, "_", "-" and "."');
  const examples = {
    /** Texts the rule must match. */
    match: z.array(z.string().min(1)).min(1, 'every rule needs at least one "match" example'),
    /** Texts the rule must not match. */
    noMatch: z.array(z.string().min(1)).min(1, 'every rule needs at least one "noMatch" example'),
  };
  const weight = z
    .number()
    .min(-1)
    .max(1)
    .refine((w) => w !== 0, 'weight must not be 0');

  /**
   * Phrase syntax: steps separated by spaces; `a|b` one-word alternatives in a step; `word*` a prefix (no stemming);
   * `~N` up to N other words before the next step. `phrase` may be a list: the rule fires on any of them.
   */
  const phraseRule = z.strictObject({
    id,
    kind: z.literal('phrase'),
    phrase: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    weight,
    note: z.string().optional(),
    ...examples,
  });

  const keywordsRule = z.strictObject({
    id,
    kind: z.literal('keywords'),
    /** Every group must have one of its phrases within `window` words of the others. */
    groups: z.array(z.array(z.string().min(1)).min(1)).min(2, 'a keywords rule needs at least two groups'),
    window: z.number().int().min(1).max(40),
    weight,
    note: z.string().optional(),
    ...examples,
  });

  const regexRule = z.strictObject({
    id,
    kind: z.literal('regex'),
    /** A regular expression over the normalised text (lower case, no diacritics), compiled with the `u` flag. */
    regex: z.string().min(1),
    weight,
    note: z.string().optional(),
    ...examples,
  });

  const ruleSchema = z.discriminatedUnion('kind', [phraseRule, keywordsRule, regexRule]);
  return z.strictObject({
    category: z.enum(CATEGORIES),
    language: z.enum(RULE_LANGS),
    rules: z.array(ruleSchema).min(1),
  });
}

/** A pattern file, validated (zod is loaded on the first validation: see lazy-zod.ts). */
export const patternFileSchema = lazySchema(buildPatternFile);
export type PatternFile = Zod.infer<ReturnType<typeof buildPatternFile>>;
export type Rule = PatternFile['rules'][number];
