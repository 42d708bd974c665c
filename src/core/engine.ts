/**
 * The screening engine: text in, explained verdict out. No I/O: it takes an already-loaded pattern set and model.
 */
import { CATEGORIES, type Advice, type Category } from './categories.js';
import { analyzeLanguage } from './language.js';
import type { DetectedLang } from './languages.js';
import type { Model, ModelWord } from './model.js';
import { normalize, toOriginal } from './normalize.js';
import { compilePatterns, SLOTS, type PatternSet, type SourceFile } from './patterns/compile.js';
import { matchPatterns, stemIn, wordEntries } from './patterns/match.js';
import { adviceFor, levelOf, REPORT_THRESHOLD, scoreOf, type Level } from './score.js';
import { tokenize } from './tokens.js';

/** Words of the original message that gave a tactic away. */
export interface Evidence {
  /** The quoted text, exactly `original.slice(start, end)`. */
  readonly text: string;
  /** UTF-16 offset in the original message. */
  readonly start: number;
  /** UTF-16 offset in the original message (exclusive). */
  readonly end: number;
}

/** One signal that fired: a rule (by id) or the model. */
export interface Finding {
  readonly category: Category;
  /** `rule` for a pattern, `model` for the statistical model. */
  readonly source: 'rule' | 'model';
  /** Rule id, or `model`. */
  readonly id: string;
  /** Rule weight (negative for counter-evidence), or the model's probability. */
  readonly weight: number;
  readonly evidence: readonly Evidence[];
}

/** A category detected in the message. */
export interface CategoryResult {
  readonly id: Category;
  readonly confidence: number;
  readonly evidence: readonly Evidence[];
}

/** The verdict on one message (shape promised in INTERFACES.md, plus `findings`). */
export interface Verdict {
  readonly language: DetectedLang;
  readonly score: number;
  readonly level: Level;
  readonly categories: readonly CategoryResult[];
  readonly advice: readonly Advice[];
  /** Every signal that fired, including counter-evidence and categories below the report threshold. */
  readonly findings: readonly Finding[];
}

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Statistical model combined with the rules; omit for rules alone. */
  readonly model?: Model;
  /** The model alone reports a category (at the report threshold) only from this probability. */
  readonly modelAloneFrom?: number;
  /** Rule confidence from which the model no longer matters. */
  readonly modelBandTop?: number;
  /** How far the model lifts a rule confidence inside the band: this × (p − 0.5) when p > 0.5. */
  readonly modelShift?: number;
}

/** A screening engine. */
export interface Engine {
  screen(text: string): Verdict;
  readonly patterns: PatternSet;
}

/** Longest text screened; the rest of a longer message is ignored (and the caller may say so). */
export const MAX_SCREEN_CHARS = 20_000;

const MAX_EVIDENCE = 5;

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Creates an engine over compiled patterns (see {@link compilePatterns}) and an optional model. */
export function createEngine(patterns: PatternSet | readonly SourceFile[], options: EngineOptions = {}): Engine {
  const set = Array.isArray(patterns) ? compilePatterns(patterns as readonly SourceFile[]) : (patterns as PatternSet);
  const modelAloneFrom = options.modelAloneFrom ?? 0.995;
  const modelBandTop = options.modelBandTop ?? 0.65;
  const modelShift = options.modelShift ?? 0.3;

  function screen(input: string): Verdict {
    const original = input.length > MAX_SCREEN_CHARS ? input.slice(0, MAX_SCREEN_CHARS) : input;
    const norm = normalize(original, set.lexicon);
    const tokens = tokenize(norm.text);
    const { language, present } = analyzeLanguage(original);
    const quote = (from: number, to: number): Evidence => {
      const o = toOriginal(norm, from, to);
      return { text: original.slice(o.start, o.end), start: o.start, end: o.end };
    };

    const findings: Finding[] = [];
    const pos = new Map<Category, number>(); // product of (1 - w) over positive rules
    const neg = new Map<Category, number>();
    let repeats = 0;
    const entries = wordEntries(set, tokens);
    for (const hit of matchPatterns(set, norm.text, tokens, present, entries)) {
      const rule = set.rules[hit.rule]!;
      const evidence = hit.spans.slice(0, MAX_EVIDENCE).map(([a, b]) => quote(a, b));
      findings.push({ category: rule.category, source: 'rule', id: rule.id, weight: rule.weight, evidence });
      if (rule.weight > 0) {
        pos.set(rule.category, (pos.get(rule.category) ?? 1) * (1 - rule.weight));
      } else {
        neg.set(rule.category, (neg.get(rule.category) ?? 1) * (1 + rule.weight));
      }
    }

    // the model reads the words stemmed in the message's language (as written when the language is unknown)
    const slot = SLOTS.indexOf(language === 'und' ? 'any' : language);
    const model = options.model;
    // the model's view of each word is kept with the word (per slot; one engine's model at a time)
    const probs = model?.scoreWords(
      tokens,
      entries.map((e) => {
        const kept = e.kept[slot] as ModelWord | undefined;
        return kept?.model === model ? kept : (e.kept[slot] = model.wordOf(e.word, stemIn(set, e, slot)));
      }),
    );
    const categories: CategoryResult[] = [];
    const confidences: Partial<Record<Category, number>> = {};
    for (const c of CATEGORIES) {
      const ruleConf = 1 - (pos.get(c) ?? 1);
      const counter = 1 - (neg.get(c) ?? 1);
      const p = probs?.[c] ?? 0;
      let conf = ruleConf;
      if (probs) {
        // the model acts only where the rules are unsure: it can lift a weak rule confidence when it agrees (never
        // lower one: trained on ~100 messages a language, its "no" proved unreliable on development batches), and
        // reports a category on its own only when it is nearly certain
        if (ruleConf > 0 && ruleConf < modelBandTop) conf = Math.min(1, ruleConf + modelShift * Math.max(0, p - 0.5));
        else if (ruleConf === 0 && p >= modelAloneFrom) conf = REPORT_THRESHOLD;
        if (conf !== ruleConf) findings.push({ category: c, source: 'model', id: 'model', weight: round(p), evidence: [] });
      }
      conf *= 1 - counter;
      if (conf < REPORT_THRESHOLD) continue;
      const hits = findings.filter((f) => f.category === c && f.source === 'rule' && f.weight > 0);
      const evidence = dedupe(hits.flatMap((f) => f.evidence));
      const occurrences = hits.reduce((n, f) => n + f.evidence.length, 0);
      if (c === 'close_dispute' && occurrences > 1) repeats += occurrences - 1;
      confidences[c] = conf;
      categories.push({ id: c, confidence: round(conf), evidence });
    }
    categories.sort((a, b) => b.confidence - a.confidence);
    const score = scoreOf(confidences, repeats);
    return {
      language,
      score,
      level: levelOf(score),
      categories,
      advice: adviceFor(categories.map((c) => c.id)),
      findings,
    };
  }

  return { screen, patterns: set };
}

/** Evidence sorted by position, overlapping quotes merged into one. */
function dedupe(list: readonly Evidence[]): Evidence[] {
  const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Evidence[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start < last.end) continue;
    out.push(e);
  }
  return out.slice(0, MAX_EVIDENCE);
}
