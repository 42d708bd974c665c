/**
 * The statistical model: one naive Bayes classifier per category (natural's BayesClassifier, trained on sparse
 * features by `npm run train`), scored here in log space so long messages do not underflow. Features are the
 * message's words stemmed in the message's language, and word pairs. A message is scored sentence by sentence
 * (and pairs of sentences) and the best window counts, so a tactic hidden in a long message is not diluted.
 */
import { z } from 'zod';
import { CATEGORIES, type Category } from './categories.js';
import type { StemFn } from './stem.js';
import type { Token } from './tokens.js';

/** A table of feature counts; checked with a plain loop (zod is slow on tables of this size). */
const countTable = z.custom<Record<string, number>>(
  (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((n) => typeof n === 'number' && Number.isFinite(n)),
  'expected a table of feature counts',
);

const classifierSchema = z.object({
  classFeatures: z.record(z.string(), countTable),
  classTotals: z.record(z.string(), z.number()),
  totalExamples: z.number().positive(),
  smoothing: z.number().positive(),
});

/** The serialised model file (`models/model.json`). */
export const modelFileSchema = z.object({
  version: z.literal(1),
  trainedOn: z.object({ messages: z.number().int(), corpus: z.string() }),
  classifiers: z.record(z.enum(CATEGORIES), classifierSchema),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/** A loaded model, ready to score messages. */
export interface Model {
  /** Probability per category that the message uses it. */
  score(tokens: readonly Token[], stem: StemFn): Record<Category, number>;
}

/** Features of one window of tokens: stemmed words and word pairs. */
export function featuresOf(tokens: readonly Token[], stem: StemFn): string[] {
  const out = new Set<string>();
  let prev: string | undefined;
  for (const t of tokens) {
    const s = /^\d+$/.test(t.word) ? '#' : stem(t.word);
    out.add(`w:${s}`);
    if (prev !== undefined) out.add(`b:${prev}_${s}`);
    prev = s;
  }
  return [...out];
}

/** Longest run of words scored as one sentence (a message without punctuation is cut into pieces). */
const MAX_SENTENCE = 40;

/** Groups tokens into sentences by the sentence number the tokenizer gave them. */
export function sentences(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (current.length > 0 && (t.sentence !== current[0]!.sentence || current.length >= MAX_SENTENCE)) {
      out.push(current);
      current = [];
    }
    current.push(t);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Per category: the log-priors of "yes" and "no". */
interface Priors {
  readonly yes: number;
  readonly no: number;
}

/**
 * One table for all categories: feature -> [yes, no] log-likelihoods per category (NaN where the category never
 * saw the feature), so a message costs one look-up per feature, not one per feature and category.
 */
interface Table {
  readonly rows: ReadonlyMap<string, Float64Array>;
  readonly priors: readonly (Priors | undefined)[];
}

function buildTable(file: ModelFile): Table {
  const rows = new Map<string, Float64Array>();
  const priors: (Priors | undefined)[] = [];
  CATEGORIES.forEach((c, k) => {
    const data = file.classifiers[c];
    if (!data) {
      priors.push(undefined);
      return;
    }
    const totYes = data.classTotals.yes ?? 1;
    const totNo = data.classTotals.no ?? 1;
    priors.push({ yes: Math.log(totYes / data.totalExamples), no: Math.log(totNo / data.totalExamples) });
    const vocab = new Set([...Object.keys(data.classFeatures.yes ?? {}), ...Object.keys(data.classFeatures.no ?? {})]);
    for (const f of vocab) {
      let row = rows.get(f);
      if (!row) {
        row = new Float64Array(CATEGORIES.length * 2).fill(Number.NaN);
        rows.set(f, row);
      }
      row[2 * k] = Math.log((data.classFeatures.yes?.[f] ?? data.smoothing) / totYes);
      row[2 * k + 1] = Math.log((data.classFeatures.no?.[f] ?? data.smoothing) / totNo);
    }
  });
  return { rows, priors };
}

/** Sums of log-likelihoods per category: [yes, no, known] for each category, in one pass over the features. */
function partial(table: Table, features: readonly string[]): Float64Array {
  const sums = new Float64Array(CATEGORIES.length * 3);
  for (const f of features) {
    const row = table.rows.get(f);
    if (!row) continue; // unseen words say nothing (and would favour the smaller class)
    for (let k = 0; k < CATEGORIES.length; k++) {
      const y = row[2 * k]!;
      if (Number.isNaN(y)) continue;
      sums[3 * k] = sums[3 * k]! + y;
      sums[3 * k + 1] = sums[3 * k + 1]! + row[2 * k + 1]!;
      sums[3 * k + 2] = sums[3 * k + 2]! + 1;
    }
  }
  return sums;
}

function posterior(p: Priors, ly: number, ln: number, known: number): number {
  if (known === 0) return 0;
  const d = p.no + ln - (p.yes + ly);
  return d > 50 ? 0 : 1 / (1 + Math.exp(d));
}

/** Builds a model from its validated file. */
export function createModel(file: ModelFile): Model {
  const table = buildTable(file);
  return {
    score(tokens, stem) {
      const result = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
      // each sentence is scored once; a pair of neighbours adds its parts and the word pair across them
      const parts = sentences(tokens);
      const sums = parts.map((s) => partial(table, featuresOf(s, stem)));
      const bridges = parts.slice(1).map((b, i) => {
        const a = parts[i]!;
        return partial(table, [`b:${stem(a[a.length - 1]!.word)}_${stem(b[0]!.word)}`]);
      });
      CATEGORIES.forEach((c, k) => {
        const p = table.priors[k];
        if (!p) return;
        let best = 0;
        sums.forEach((s, i) => {
          best = Math.max(best, posterior(p, s[3 * k]!, s[3 * k + 1]!, s[3 * k + 2]!));
          const next = sums[i + 1];
          const bridge = bridges[i];
          if (next && bridge) {
            const ly = s[3 * k]! + next[3 * k]! + bridge[3 * k]!;
            const ln = s[3 * k + 1]! + next[3 * k + 1]! + bridge[3 * k + 1]!;
            best = Math.max(best, posterior(p, ly, ln, s[3 * k + 2]! + next[3 * k + 2]! + bridge[3 * k + 2]!));
          }
        });
        result[c] = best;
      });
      return result;
    },
  };
}
