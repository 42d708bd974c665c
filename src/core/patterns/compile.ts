/**
 * Turns validated pattern files into a matcher: phrases are normalised and stemmed once, indexed by their first
 * word, so screening a message costs one index look-up per word and language.
 */
import type { Category } from '../categories.js';
import { foldWord, normalize } from '../normalize.js';
import { createStemmer, type StemFn } from '../stem.js';
import { tokenize } from '../tokens.js';
import { LANGUAGES, type Lang } from '../languages.js';
import type { PatternFile, Rule, RuleLang } from './schema.js';
import { regexTriggers, requiredLiterals, unsafeRegexReason, type Trigger } from './regex-source.js';

export { unsafeRegexReason };

/** A problem in a pattern file, with the file and the rule it concerns. */
export class PatternError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
    this.name = 'PatternError';
  }
}

/** One alternative of a phrase step. */
export type Alt = { readonly kind: 'stem'; readonly value: string } | { readonly kind: 'prefix'; readonly value: string };

export interface Step {
  /** Id of the step's word condition (its alternatives in its language slot), shared by equal steps. */
  id: number;
  readonly alts: readonly Alt[];
  /** The stem alternatives, for one look-up per word. */
  readonly stems: ReadonlySet<string>;
  /** The prefix alternatives. */
  readonly prefixes: readonly string[];
  /** How many extra words may stand before this step. */
  readonly gap: number;
}

/** A compiled phrase, owned by a rule (and a group of a keywords rule). */
export interface CompiledPhrase {
  readonly rule: number;
  readonly group: number;
  readonly steps: readonly Step[];
  /** The phrase's language slot: its place in {@link SLOTS}, whose stemmer its words were stemmed with. */
  readonly slot: number;
  /** Condition ids of the steps after the first: a message without one of them cannot match the phrase. */
  readonly rest: readonly number[];
}

/**
 * How many letters at the end of a stem its stemmer may have rewritten: natural's Porter stemmers rewrite endings
 * ("happy" -> "happi", "application" -> "appliqu", "diferencia" -> "diferent"); the Polish stripper only cuts.
 * Russian undoubles "нн" anywhere in a word, so only its first two letters are sure.
 */
const REWRITTEN: Record<Exclude<RuleLang, 'ru'>, number> = { en: 2, fr: 2, es: 2, pt: 2, it: 2, de: 1, pl: 0, any: 0 };

/**
 * What of a stem its word is sure to start with, lower-cased: the stem without the letters its stemmer may have
 * rewritten, and at least its first two letters. A test checks this on the corpus vocabulary.
 */
export function stemHead(lang: RuleLang, stem: string): string {
  const s = stem.toLowerCase();
  if (lang === 'ru') return s.slice(0, 2);
  return s.slice(0, Math.max(2, s.length - REWRITTEN[lang]));
}

/** Languages in slot order: a phrase's words are stemmed with the stemmer of its slot. */
export const SLOTS: readonly RuleLang[] = [...LANGUAGES, 'any'];

/** A compiled rule. */
export interface CompiledRule {
  readonly id: string;
  readonly category: Category;
  readonly lang: RuleLang;
  readonly kind: Rule['kind'];
  readonly weight: number;
  readonly groups: number;
  readonly window: number;
  readonly regex?: RegExp;
  /**
   * The regex, sticky, when every match starts with one of its triggers: it is then tried only where a trigger
   * stands instead of scanning the whole text.
   */
  readonly sticky?: RegExp;
  /** For a regex: literals of which every match holds one (see requiredLiterals), when it has such literals. */
  readonly required?: readonly string[];
  /** The rule as written, with its examples; absent in a set loaded from the compiled snapshot. */
  readonly source?: Rule;
  readonly file: string;
}

/** The step conditions of one language slot, indexed by the words that satisfy them. */
export interface LangIndex {
  readonly lang: RuleLang;
  readonly stem: StemFn;
  /** Condition ids by stem. */
  readonly byStem: ReadonlyMap<string, readonly number[]>;
  /**
   * The heads of the stems in byStem (see {@link stemHead}): a word none of whose prefixes is a head cannot have a
   * stem in byStem, so the matcher does not stem it for this slot.
   */
  readonly stemHeads: ReadonlySet<string>;
}

/** A loaded, compiled pattern set. */
export interface PatternSet {
  readonly rules: readonly CompiledRule[];
  /** One index per slot of {@link SLOTS} (empty when the slot has no phrases). */
  readonly indexes: readonly LangIndex[];
  /** Condition ids by the prefix alternatives (`word*`) that satisfy them, every slot together. */
  readonly byPrefix: ReadonlyMap<string, readonly number[]>;
  /** Number of distinct step conditions. */
  readonly conditions: number;
  /** Phrases by the condition id of their first step. */
  readonly startsWith: readonly (readonly CompiledPhrase[])[];
  readonly regexRules: readonly number[];
  /** Regex rules that run on every message (their triggers could not be read). */
  readonly regexAlways: readonly number[];
  /** The other regex rules' triggers found in words: [trigger, rule]. */
  readonly regexTriggers: ReadonlyArray<readonly [Trigger, number]>;
  /** Their triggers found in the text (symbols such as `@`): [text, rule]. */
  readonly regexTextTriggers: ReadonlyArray<readonly [string, number]>;
  /** Folded words the phrases use, for the normaliser. */
  readonly lexicon: ReadonlySet<string>;
}

/** Stems known in advance, per language: word -> stem. */
export type StemSeed = Partial<Record<Lang, Readonly<Record<string, string>>>>;

/** Compiled alternatives by stemmer and text: the same words recur across thousands of phrases. */
const altCache = new WeakMap<StemFn, Map<string, Alt>>();

function compileAlt(raw: string, stem: StemFn, file: string, ruleId: string): Alt {
  let cache = altCache.get(stem);
  if (!cache) altCache.set(stem, (cache = new Map()));
  const known = cache.get(raw);
  if (known) return known;
  const alt = compileAltUncached(raw, stem, file, ruleId);
  cache.set(raw, alt);
  return alt;
}

function compileAltUncached(raw: string, stem: StemFn, file: string, ruleId: string): Alt {
  const prefix = raw.endsWith('*');
  const body = prefix ? raw.slice(0, -1) : raw;
  // a plain lower-case word needs only folding (what normalize does to it, without the rest of the work)
  const words = /^[a-z0-9]+$/.test(body)
    ? [{ word: body }]
    : /^\p{Ll}+$/u.test(body) && /^[\p{L}]+$/u.test(foldWord(body))
      ? [{ word: foldWord(body) }]
      : tokenize(normalize(body).text);
  if (words.length !== 1) {
    throw new PatternError(file, `rule ${ruleId}: "${raw}" must be one word (use spaces between steps)`);
  }
  const word = words[0]!.word;
  return prefix ? { kind: 'prefix', value: word } : { kind: 'stem', value: stem(word) };
}

/** A step from its alternatives, with its stems and prefixes apart for the matcher. */
export function stepOf(alts: readonly Alt[], gap: number, id = -1): Step {
  return {
    id,
    alts,
    stems: new Set(alts.filter((a) => a.kind === 'stem').map((a) => a.value)),
    prefixes: alts.filter((a) => a.kind === 'prefix').map((a) => a.value),
    gap,
  };
}

/**
 * A stemmer per slot language, even the identity for `any`: compiled steps are cached by stemmer, so a pattern set
 * needs stemmers of its own.
 */
export function slotStemmers(seed: StemSeed): Map<RuleLang, StemFn> {
  const stemmers = new Map<RuleLang, StemFn>([['any', (w) => w]]);
  for (const l of LANGUAGES) stemmers.set(l, createStemmer(l, seed[l]));
  return stemmers;
}

/** Length of the longest string (0 for none). */
export function longest(strings: Iterable<string>): number {
  let n = 0;
  for (const x of strings) if (x.length > n) n = x.length;
  return n;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Compiled steps by stemmer, step text and gap: the same steps recur across thousands of phrases, and equal steps
 * of one language share one object (and so one condition id).
 */
const stepCache = new WeakMap<StemFn, Map<string, Step>>();

/** Compiles phrase syntax: `a|b` alternatives, `word*` prefixes, `~N` gaps. */
export function compileSteps(phrase: string, stem: StemFn, file: string, ruleId: string): Step[] {
  let cache = stepCache.get(stem);
  if (!cache) stepCache.set(stem, (cache = new Map()));
  const steps: Step[] = [];
  let gap = 0;
  for (const part of phrase.trim().split(/\s+/)) {
    if (part.startsWith('~')) {
      const g = /^~(\d{1,2})$/.exec(part);
      if (!g) throw new PatternError(file, `rule ${ruleId}: "${part}" is not a gap (~N, N from 0 to 99)`);
      if (steps.length === 0) throw new PatternError(file, `rule ${ruleId}: a phrase cannot start with a gap`);
      gap = Number(g[1]);
      continue;
    }
    const key = `${gap} ${part}`;
    let step = cache.get(key);
    if (!step) {
      const alts = part.split('|').filter((a) => a.length > 0);
      if (alts.length === 0) throw new PatternError(file, `rule ${ruleId}: empty alternative in "${phrase}"`);
      step = stepOf(alts.map((a) => compileAlt(a, stem, file, ruleId)), gap);
      cache.set(key, step);
    }
    steps.push(step);
    gap = 0;
  }
  if (steps.length === 0) throw new PatternError(file, `rule ${ruleId}: empty phrase`);
  if (gap > 0) throw new PatternError(file, `rule ${ruleId}: a phrase cannot end with a gap`);
  return steps;
}

function collectLexicon(text: string, into: Set<string>, seen: Set<string>): void {
  for (const part of text.split(/[\s~|]+/)) {
    if (seen.has(part)) continue;
    seen.add(part);
    const w = part.endsWith('*') ? part.slice(0, -1) : part;
    if (/^[a-z0-9]+$/.test(w)) into.add(w);
    else if (/^[\p{L}\p{M}\p{N}]+$/u.test(w)) into.add(foldWord(w));
  }
}

/** The normalised words of every stemmed phrase alternative, per language (what a stem seed covers). */
export function patternWords(files: readonly SourceFile[]): Map<Lang, Set<string>> {
  const out = new Map<Lang, Set<string>>();
  for (const { file } of files) {
    if (file.language === 'any') continue;
    const words = out.get(file.language) ?? new Set<string>();
    for (const rule of file.rules) {
      const phrases = rule.kind === 'phrase' ? (typeof rule.phrase === 'string' ? [rule.phrase] : rule.phrase) : rule.kind === 'keywords' ? rule.groups.flat() : [];
      for (const p of phrases) {
        for (const alt of p.split(/[\s|]+/)) {
          if (alt === '' || alt.startsWith('~') || alt.endsWith('*')) continue;
          for (const t of tokenize(normalize(alt).text)) words.add(t.word);
        }
      }
    }
    out.set(file.language, words);
  }
  return out;
}

/** A pattern file as read from disk, with its path for messages. */
export interface SourceFile {
  readonly path: string;
  readonly file: PatternFile;
}

/** Compiles validated pattern files. Throws {@link PatternError} on the first problem. */
export function compilePatterns(files: readonly SourceFile[], seed: StemSeed = {}): PatternSet {
  const rules: CompiledRule[] = [];
  const phrasesByLang = new Map<RuleLang, CompiledPhrase[]>();
  const regexRules: number[] = [];
  const regexAlways: number[] = [];
  const wordTriggers: [Trigger, number][] = [];
  const textTriggers: [string, number][] = [];
  const lexicon = new Set<string>();
  const lexiconParts = new Set<string>();
  const seen = new Map<string, string>();
  const stemmers = slotStemmers(seed);

  for (const { path, file } of files) {
    const stem = stemmers.get(file.language)!;
    for (const rule of file.rules) {
      const before = seen.get(rule.id);
      if (before) throw new PatternError(path, `rule id "${rule.id}" is already used in ${before}`);
      seen.set(rule.id, path);
      const index = rules.length;
      const base = { id: rule.id, category: file.category, lang: file.language, kind: rule.kind, weight: rule.weight };
      if (rule.kind === 'regex') {
        const unsafe = unsafeRegexReason(rule.regex);
        if (unsafe) throw new PatternError(path, `rule ${rule.id}: ${unsafe}`);
        let regex: RegExp;
        try {
          regex = new RegExp(rule.regex, 'gu');
        } catch (err) {
          throw new PatternError(path, `rule ${rule.id}: invalid regex: ${(err as Error).message}`, { cause: err });
        }
        const triggers = regexTriggers(rule.regex);
        const positional = triggers !== undefined && triggers.every((t) => t.atMatchStart && !t.inText);
        const sticky = positional ? new RegExp(rule.regex, 'uy') : undefined;
        const required = requiredLiterals(rule.regex);
        rules.push({ ...base, groups: 0, window: 0, regex, ...(sticky ? { sticky } : {}), ...(required ? { required } : {}), source: rule, file: path });
        regexRules.push(index);
        if (!triggers) regexAlways.push(index);
        for (const t of triggers ?? []) {
          if (t.inText) textTriggers.push([t.text, index]);
          else wordTriggers.push([t, index]);
        }
        continue;
      }
      const groups = rule.kind === 'phrase' ? [typeof rule.phrase === 'string' ? [rule.phrase] : rule.phrase] : rule.groups;
      const list = phrasesByLang.get(file.language) ?? [];
      groups.forEach((phrases, group) => {
        for (const p of phrases) {
          list.push({ rule: index, group, steps: compileSteps(p, stem, path, rule.id), slot: SLOTS.indexOf(file.language), rest: [] });
          collectLexicon(p, lexicon, lexiconParts);
        }
      });
      phrasesByLang.set(file.language, list);
      rules.push({
        ...base,
        groups: groups.length,
        window: rule.kind === 'keywords' ? rule.window : 0,
        source: rule,
        file: path,
      });
    }
  }

  // equal steps of one slot share a condition id; each slot indexes its conditions by stem and prefix
  const indexes: LangIndex[] = [];
  const startsWith: CompiledPhrase[][] = [];
  const byPrefix = new Map<string, number[]>();
  let conditions = 0;
  for (const lang of SLOTS) {
    const ids = new Map<string, number>();
    const byStem = new Map<string, number[]>();
    for (const p of phrasesByLang.get(lang) ?? []) {
      for (const step of p.steps) {
        if (step.id >= 0) continue; // a shared step, already given its condition in this call
        const signature = `${[...step.stems].sort().join('|')}#${[...step.prefixes].sort().join('|')}`;
        let id = ids.get(signature);
        if (id === undefined) {
          id = conditions++;
          ids.set(signature, id);
          startsWith.push([]);
          for (const stem of step.stems) pushTo(byStem, stem, id);
          for (const prefix of new Set(step.prefixes)) pushTo(byPrefix, prefix, id);
        }
        step.id = id;
      }
      startsWith[p.steps[0]!.id]!.push(p);
      (p as { rest: readonly number[] }).rest = [...new Set(p.steps.slice(1).map((st) => st.id))];
    }
    const stemHeads = new Set([...byStem.keys()].map((stem) => stemHead(lang, stem)));
    indexes.push({ lang, stem: stemmers.get(lang)!, byStem, stemHeads });
  }
  return { rules, indexes, byPrefix, conditions, startsWith, regexRules, regexAlways, regexTriggers: wordTriggers, regexTextTriggers: textTriggers, lexicon };
}
