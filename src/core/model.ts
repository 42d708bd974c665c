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
type ClassifierData = z.infer<typeof classifierSchema>;

/** A loaded model, ready to score messages. */
export interface Model {
  /** Probability per category that the message uses it. */
  score(tokens: readonly Token[], text: string, stem: StemFn): Record<Category, number>;
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

const SENTENCE_END = /[.!?;\n。！？]/u;

/** Splits tokens into sentences, using the normalised text between tokens. */
export function sentences(tokens: readonly Token[], text: string): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    current.push(t);
    const next = tokens[i + 1];
    const between = text.slice(t.end, next ? next.start : text.length);
    if (SENTENCE_END.test(between) || current.length >= 40) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Windows scored for a message: each sentence and each pair of neighbouring sentences. */
export function windows(tokens: readonly Token[], text: string): Token[][] {
  const s = sentences(tokens, text);
  if (s.length <= 1) return s;
  const out = [...s];
  for (let i = 0; i + 1 < s.length; i++) out.push([...s[i]!, ...s[i + 1]!]);
  return out;
}

interface Prepared {
  yes: Map<string, number>;
  no: Map<string, number>;
  priorYes: number;
  priorNo: number;
}

function prepare(c: ClassifierData): Prepared {
  const totYes = c.classTotals.yes ?? 1;
  const totNo = c.classTotals.no ?? 1;
  const yes = new Map<string, number>();
  const no = new Map<string, number>();
  const vocab = new Set([...Object.keys(c.classFeatures.yes ?? {}), ...Object.keys(c.classFeatures.no ?? {})]);
  for (const f of vocab) {
    yes.set(f, Math.log((c.classFeatures.yes?.[f] ?? c.smoothing) / totYes));
    no.set(f, Math.log((c.classFeatures.no?.[f] ?? c.smoothing) / totNo));
  }
  return { yes, no, priorYes: Math.log(totYes / c.totalExamples), priorNo: Math.log(totNo / c.totalExamples) };
}

/** Log-likelihoods of "yes" and "no" from the known features, and how many were known. */
function partial(p: Prepared, features: readonly string[]): [number, number, number] {
  let ly = 0;
  let ln = 0;
  let known = 0;
  for (const f of features) {
    const y = p.yes.get(f);
    if (y === undefined) continue; // unseen words say nothing (and would favour the smaller class)
    ly += y;
    ln += p.no.get(f)!;
    known++;
  }
  return [ly, ln, known];
}

function posterior(p: Prepared, ly: number, ln: number, known: number): number {
  if (known === 0) return 0;
  const d = p.priorNo + ln - (p.priorYes + ly);
  return d > 50 ? 0 : 1 / (1 + Math.exp(d));
}

/** Builds a model from its validated file. */
export function createModel(file: ModelFile): Model {
  const prepared = new Map<Category, Prepared>();
  for (const c of CATEGORIES) {
    const data = file.classifiers[c];
    if (data) prepared.set(c, prepare(data));
  }
  return {
    score(tokens, text, stem) {
      const result = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
      // each sentence is scored once; a pair of neighbours adds its parts and the word pair across them
      const parts = sentences(tokens, text);
      const feats = parts.map((s) => featuresOf(s, stem));
      for (const [c, p] of prepared) {
        const sums = feats.map((f) => partial(p, f));
        let best = 0;
        sums.forEach(([ly, ln, k], i) => {
          best = Math.max(best, posterior(p, ly, ln, k));
          const next = sums[i + 1];
          if (next) {
            const a = parts[i]!;
            const b = parts[i + 1]!;
            const bridge = partial(p, [`b:${stem(a[a.length - 1]!.word)}_${stem(b[0]!.word)}`]);
            best = Math.max(best, posterior(p, ly + next[0] + bridge[0], ln + next[1] + bridge[1], k + next[2] + bridge[2]));
          }
        });
        result[c] = best;
      }
      return result;
    },
  };
}
