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
type Alt = { readonly kind: 'stem'; readonly value: string } | { readonly kind: 'prefix'; readonly value: string };

interface Step {
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
}

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
  readonly source: Rule;
  readonly file: string;
}

/** Phrases of one language, indexed by their first step. */
export interface LangIndex {
  readonly lang: RuleLang;
  readonly stem: StemFn;
  readonly byStem: ReadonlyMap<string, readonly CompiledPhrase[]>;
  /** Prefix alternatives of first steps, by their first two characters (shorter ones under their one). */
  readonly byPrefix: ReadonlyMap<string, ReadonlyArray<readonly [string, CompiledPhrase]>>;
}

/** A loaded, compiled pattern set. */
export interface PatternSet {
  readonly rules: readonly CompiledRule[];
  readonly indexes: readonly LangIndex[];
  readonly regexRules: readonly number[];
  /** Folded words the phrases use, for the normaliser. */
  readonly lexicon: ReadonlySet<string>;
  /** The caching stemmer of each language (shared with the model). */
  readonly stemmers: ReadonlyMap<Lang, StemFn>;
}

/** Stems known in advance, per language: word -> stem. */
export type StemSeed = Partial<Record<Lang, Readonly<Record<string, string>>>>;

const identity: StemFn = (w) => w;

/** Rejects regex shapes that can backtrack catastrophically: a quantified group that holds a quantifier. */
export function unsafeRegexReason(source: string): string | undefined {
  const stack: { quantified: boolean; alternation: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ quantified: false, alternation: false });
    else if (c === '|' && stack.length > 0) stack[stack.length - 1]!.alternation = true;
    else if (c === ')') {
      const group = stack.pop();
      const next = source[i + 1];
      const repeated = next === '*' || next === '+' || next === '{';
      if (group && repeated) {
        if (group.quantified) return 'nested quantifier (a quantified group contains a quantifier)';
        if (group.alternation) return 'quantified alternation (use a character class or one alternative)';
      }
      if (group?.quantified && stack.length > 0) stack[stack.length - 1]!.quantified = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length > 0) {
      stack[stack.length - 1]!.quantified = true;
    }
  }
  return undefined;
}

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

/** Compiles phrase syntax: `a|b` alternatives, `word*` prefixes, `~N` gaps. */
export function compileSteps(phrase: string, stem: StemFn, file: string, ruleId: string): Step[] {
  const steps: Step[] = [];
  let gap = 0;
  for (const part of phrase.trim().split(/\s+/)) {
    const g = /^~(\d{1,2})$/.exec(part);
    if (g) {
      if (steps.length === 0) throw new PatternError(file, `rule ${ruleId}: a phrase cannot start with a gap`);
      gap = Number(g[1]);
      continue;
    }
    const alts = part.split('|').filter((a) => a.length > 0);
    if (alts.length === 0) throw new PatternError(file, `rule ${ruleId}: empty alternative in "${phrase}"`);
    const compiled = alts.map((a) => compileAlt(a, stem, file, ruleId));
    steps.push({
      alts: compiled,
      stems: new Set(compiled.filter((a) => a.kind === 'stem').map((a) => a.value)),
      prefixes: compiled.filter((a) => a.kind === 'prefix').map((a) => a.value),
      gap,
    });
    gap = 0;
  }
  if (steps.length === 0) throw new PatternError(file, `rule ${ruleId}: empty phrase`);
  if (gap > 0) throw new PatternError(file, `rule ${ruleId}: a phrase cannot end with a gap`);
  return steps;
}

function collectLexicon(text: string, into: Set<string>): void {
  for (const part of text.split(/[\s~|]+/)) {
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
  const lexicon = new Set<string>();
  const seen = new Map<string, string>();
  const stemmers = new Map<RuleLang, StemFn>([['any', identity]]);
  for (const l of LANGUAGES) stemmers.set(l, createStemmer(l, seed[l]));

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
        rules.push({ ...base, groups: 0, window: 0, regex, source: rule, file: path });
        regexRules.push(index);
        continue;
      }
      const groups = rule.kind === 'phrase' ? [typeof rule.phrase === 'string' ? [rule.phrase] : rule.phrase] : rule.groups;
      const list = phrasesByLang.get(file.language) ?? [];
      groups.forEach((phrases, group) => {
        for (const p of phrases) {
          list.push({ rule: index, group, steps: compileSteps(p, stem, path, rule.id) });
          collectLexicon(p, lexicon);
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

  const indexes: LangIndex[] = [];
  for (const [lang, phrases] of phrasesByLang) {
    const byStem = new Map<string, CompiledPhrase[]>();
    const byPrefix = new Map<string, [string, CompiledPhrase][]>();
    for (const p of phrases) {
      for (const alt of p.steps[0]!.alts) {
        if (alt.kind === 'prefix') {
          const key = alt.value.slice(0, 2);
          const list = byPrefix.get(key);
          if (list) list.push([alt.value, p]);
          else byPrefix.set(key, [[alt.value, p]]);
        } else {
          const list = byStem.get(alt.value);
          if (list) list.push(p);
          else byStem.set(alt.value, [p]);
        }
      }
    }
    indexes.push({ lang, stem: stemmers.get(lang)!, byStem, byPrefix });
  }
  return { rules, indexes, regexRules, lexicon, stemmers: new Map(LANGUAGES.map((l) => [l, stemmers.get(l)!])) };
}
