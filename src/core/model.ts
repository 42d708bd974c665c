/**
 * The statistical model: one naive Bayes classifier per category (natural's BayesClassifier, trained on sparse
 * features by `npm run train`), scored here in log space so long messages do not underflow. Features are the
 * message's words stemmed in the message's language, and word pairs. A message is scored sentence by sentence
 * (and pairs of sentences) and the best window counts, so a tactic hidden in a long message is not diluted.
 */
import type * as Zod from 'zod';
import { CATEGORIES, type Category } from './categories.js';
import { lazySchema } from './lazy-zod.js';
import type { StemFn } from './stem.js';
import type { Token } from './tokens.js';

/** The schema of the serialised model file, built with zod's namespace. */
function buildModelFile(z: typeof Zod.z) {
  /** A table of feature counts; checked with a plain loop (zod is slow on tables of this size). */
  const countTable = z.custom<Record<string, number>>((v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    for (const k in v) {
      const n = (v as Record<string, unknown>)[k];
      if (typeof n !== 'number' || !Number.isFinite(n)) return false;
    }
    return true;
  }, 'expected a table of feature counts');
  const classifierSchema = z.object({
    classFeatures: z.record(z.string(), countTable),
    classTotals: z.record(z.string(), z.number()),
    totalExamples: z.number().positive(),
    smoothing: z.number().positive(),
  });
  return z.object({
    version: z.literal(1),
    trainedOn: z.object({ messages: z.number().int(), corpus: z.string() }),
    classifiers: z.record(z.enum(CATEGORIES), classifierSchema),
  });
}

/** The serialised model file (`models/model.json`), validated (zod is loaded on the first validation). */
export const modelFileSchema = lazySchema(buildModelFile);
export type ModelFile = Zod.infer<ReturnType<typeof buildModelFile>>;

/** A loaded model, ready to score messages. */
export interface Model {
  /**
   * Probability per category that the message uses it. `stems[i]` is the stem of `tokens[i]` in the message's
   * language (the engine has them from the matcher's word table).
   */
  score(tokens: readonly Token[], stems: readonly string[]): Record<Category, number>;
  /** What the model knows of a word with this stem: a handle for {@link Model.scoreWords}, which callers may keep. */
  wordOf(word: string, stem: string): ModelWord;
  /** {@link Model.score} with the tokens' words as {@link Model.wordOf} gives them. */
  scoreWords(tokens: readonly Token[], words: readonly ModelWord[]): Record<Category, number>;
}

/** A word as the model sees it (see {@link Model.wordOf}). */
export interface ModelWord {
  /** The feature name of the word: its stem, or "#" for a number. */
  readonly key: string;
  /** The rows of the word and of the pairs it starts, when the model has any. */
  readonly rows: WordRows | undefined;
  /** Its number as the second word of a pair feature (see Table.seconds), or -1 when it ends none. */
  readonly second: number;
  /** The model it belongs to. */
  readonly model: Model;
}

/** Features of one window of tokens: stemmed words and word pairs. */
export function featuresOf(tokens: readonly Token[], stem: StemFn): string[] {
  const out = new Set<string>();
  let prev: string | undefined;
  for (const t of tokens) {
    const s = DIGITS.test(t.word) ? '#' : stem(t.word);
    out.add(`w:${s}`);
    if (prev !== undefined) out.add(`b:${prev}_${s}`);
    prev = s;
  }
  return [...out];
}

/** Longest run of words scored as one sentence (a message without punctuation is cut into pieces). */
const MAX_SENTENCE = 40;

/**
 * Where the scored sentences start: 1 at each token that begins one (a new sentence number from the tokenizer, or
 * the sentence so far reached MAX_SENTENCE words).
 */
function sentenceStarts(tokens: readonly Token[]): Uint8Array {
  const starts = new Uint8Array(tokens.length);
  for (let j = 0, len = 0; j < tokens.length; j++, len++) {
    if (j === 0 || tokens[j]!.sentence !== tokens[j - 1]!.sentence || len >= MAX_SENTENCE) {
      starts[j] = 1;
      len = 0;
    }
  }
  return starts;
}

/** Groups tokens into the sentences the model scores. */
export function sentences(tokens: readonly Token[]): Token[][] {
  const starts = sentenceStarts(tokens);
  const out: Token[][] = [];
  tokens.forEach((t, j) => {
    if (starts[j] === 1) out.push([]);
    out[out.length - 1]!.push(t);
  });
  return out;
}

/** Per category: the log-priors of "yes" and "no". */
interface Priors {
  readonly yes: number;
  readonly no: number;
}

const K = CATEGORIES.length;

/**
 * One table for all categories: a row per feature with [yes, no] log-likelihoods per category (NaN where the
 * category never saw the feature), so a message costs one look-up per feature, not one per feature and category.
 * Word features are found by stem, pair features by their two stems, so scoring builds no strings.
 */
interface Table {
  /** Rows, `2 × K` numbers each. */
  readonly rows: Float64Array;
  /** Per stem (or "#" for a number): its word feature's row, and the rows of the pairs it starts. */
  readonly words: ReadonlyMap<string, WordRows>;
  /** A number per stem that ends a pair feature (the key of WordRows.pairs). */
  readonly seconds: ReadonlyMap<string, number>;
  readonly priors: readonly (Priors | undefined)[];
  readonly count: number;
  /** Feature names in row order. */
  readonly features: readonly string[];
}

/** A word's rows in the scoring table. */
export interface WordRows {
  /** The word feature's row, or -1. */
  id: number;
  /** Pair features starting with this word: the second stem's number (see Table.seconds) -> row. */
  pairs: Map<number, number> | undefined;
}

function buildTable(file: ModelFile): Table {
  const ids = new Map<string, number>();
  const priors: (Priors | undefined)[] = [];
  for (const c of CATEGORIES) {
    const data = file.classifiers[c];
    if (!data) continue;
    for (const side of [data.classFeatures.yes ?? {}, data.classFeatures.no ?? {}]) {
      for (const f in side) if (!ids.has(f)) ids.set(f, ids.size);
    }
  }
  const rows = new Float64Array(ids.size * 2 * K).fill(Number.NaN);
  CATEGORIES.forEach((c, k) => {
    const data = file.classifiers[c];
    if (!data) {
      priors.push(undefined);
      return;
    }
    const totYes = data.classTotals.yes ?? 1;
    const totNo = data.classTotals.no ?? 1;
    priors.push({ yes: Math.log(totYes / data.totalExamples), no: Math.log(totNo / data.totalExamples) });
    // a feature the category saw on one side only gets the smoothing count on the other
    const yes = data.classFeatures.yes ?? {};
    const no = data.classFeatures.no ?? {};
    const smoothYes = Math.log(data.smoothing / totYes);
    const smoothNo = Math.log(data.smoothing / totNo);
    for (const f in yes) {
      const at = ids.get(f)! * 2 * K + 2 * k;
      rows[at] = Math.log(yes[f]! / totYes);
      rows[at + 1] = smoothNo;
    }
    for (const f in no) {
      const at = ids.get(f)! * 2 * K + 2 * k;
      if (Number.isNaN(rows[at]!)) rows[at] = smoothYes;
      rows[at + 1] = Math.log(no[f]! / totNo);
    }
  });
  return { rows, ...indexFeatures([...ids.keys()]), priors, count: ids.size, features: [...ids.keys()] };
}

/** Word and pair features by stem, from the feature names in row order. */
function indexFeatures(features: readonly string[]): { words: Map<string, WordRows>; seconds: Map<string, number> } {
  const words = new Map<string, WordRows>();
  const seconds = new Map<string, number>();
  const rowsOf = (stem: string) => {
    let w = words.get(stem);
    if (!w) words.set(stem, (w = { id: -1, pairs: undefined }));
    return w;
  };
  features.forEach((f, id) => {
    if (f.startsWith('w:')) rowsOf(f.slice(2)).id = id;
    else if (f.startsWith('b:')) {
      // stems hold letters, marks and digits (or are "#"), never "_"
      const cut = f.indexOf('_', 2);
      const first = rowsOf(f.slice(2, cut));
      const second = f.slice(cut + 1);
      let n = seconds.get(second);
      if (n === undefined) seconds.set(second, (n = seconds.size));
      (first.pairs ??= new Map()).set(n, id);
    }
  });
  return { words, seconds };
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Bumped whenever the table's form changes. */
const TABLE_VERSION = 1;

/**
 * The model's scoring table as JSON (`models/model-table.json`, written by `npm run train`): what {@link createModel}
 * derives from the classifiers' counts, stored so start-up need not derive it. It names the hash of the model file
 * it came from and is used only with that file.
 */
export interface TableFile {
  version: number;
  /** sha256 of the model file's text. */
  hash: string;
  features: string[];
  /** Per category: [yes, no] log-priors, or null. */
  priors: ([number, number] | null)[];
  /** The rows (a Float64Array, little-endian), base64. */
  rows: string;
}

/** The scoring table of a model file, as {@link TableFile}. */
export function tableFile(file: ModelFile, hash: string): TableFile {
  const table = buildTable(file);
  const bytes = new Uint8Array(table.rows.buffer, table.rows.byteOffset, table.rows.byteLength);
  return {
    version: TABLE_VERSION,
    hash,
    features: [...table.features],
    priors: table.priors.map((p) => (p ? [p.yes, p.no] : null)),
    rows: Buffer.from(bytes).toString('base64'),
  };
}

/** A model from its stored table; undefined when the table is not one this version reads. */
export function createModelFromTable(data: unknown): Model | undefined {
  const t = data as TableFile;
  if (t === null || typeof t !== 'object' || t.version !== TABLE_VERSION || !Array.isArray(t.features) || !Array.isArray(t.priors)) return undefined;
  if (!LITTLE_ENDIAN) return undefined;
  const bytes = Buffer.from(t.rows, 'base64');
  if (bytes.byteLength !== t.features.length * 2 * K * 8 || t.priors.length !== K) return undefined;
  const rows = new Float64Array(t.features.length * 2 * K);
  new Uint8Array(rows.buffer).set(bytes);
  const priors = t.priors.map((p) => (p ? { yes: p[0], no: p[1] } : undefined));
  return scorer({ rows, ...indexFeatures(t.features), priors, count: t.features.length, features: t.features });
}

/** Adds a row to the sums of [yes, no, known] per category that start at `base` in `sums`. */
function addRow(table: Table, id: number, sums: Float64Array, base: number): void {
  const at = id * 2 * K;
  for (let k = 0; k < K; k++) {
    const y = table.rows[at + 2 * k]!;
    if (Number.isNaN(y)) continue;
    const b = base + 3 * k;
    sums[b] = sums[b]! + y;
    sums[b + 1] = sums[b + 1]! + table.rows[at + 2 * k + 1]!;
    sums[b + 2] = sums[b + 2]! + 1;
  }
}

function posterior(p: Priors, ly: number, ln: number, known: number): number {
  if (known === 0) return 0;
  const d = p.no + ln - (p.yes + ly);
  return d > 50 ? 0 : 1 / (1 + Math.exp(d));
}

const DIGITS = /^\d+$/;

/** Every category at probability 0. */
const NONE = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Readonly<Record<Category, number>>;

/** Builds a model from its validated file. */
export function createModel(file: ModelFile): Model {
  return scorer(buildTable(file));
}

function scorer(table: Table): Model {
  // seen[id] === stamp when feature `id` was counted in the current sentence (features count once per window)
  const seen = new Uint32Array(table.count);
  let stamp = 0;
  // the sums of a message's sentences and bridges, reused from message to message
  let sums = new Float64Array(0);
  const wordOf = (word: string, stem: string): ModelWord => {
    const key = DIGITS.test(word) ? '#' : stem;
    return { key, rows: table.words.get(key), second: table.seconds.get(key) ?? -1, model };
  };
  const model: Model = {
    wordOf,
    score(tokens, tokenStems) {
      return model.scoreWords(tokens, tokens.map((t, j) => wordOf(t.word, tokenStems[j]!)));
    },
    scoreWords(tokens, words) {
      const result = { ...NONE };
      // each sentence is scored once (as sentences() cuts them); a pair of neighbours adds its parts and the word
      // pair across them. Sums of sentence i at 3K·i, of the bridge after it at 3K·(n + i), n the sentence count.
      const starts = sentenceStarts(tokens);
      let n = 0;
      for (const x of starts) n += x;
      const size = 3 * K * 2 * n;
      if (sums.length < size) sums = new Float64Array(2 * size);
      const all = sums;
      all.fill(0, 0, size);
      let i = -1; // the sentence
      let prev: WordRows | undefined;
      for (let j = 0; j < tokens.length; j++) {
        const word = words[j]!;
        if (word.model !== model) throw new Error('scoreWords: a word of another model');
        const w = word.second;
        if (starts[j] === 1) {
          if (i >= 0 && w >= 0) {
            // the pair across the sentence break
            const bridge = prev?.pairs?.get(w);
            if (bridge !== undefined) addRow(table, bridge, all, 3 * K * (n + i));
          }
          i++;
          prev = undefined;
          if (++stamp === 0xffffffff) {
            seen.fill(0);
            stamp = 1;
          }
        }
        const base = 3 * K * i;
        const rows = word.rows;
        if (rows && rows.id >= 0 && seen[rows.id] !== stamp) {
          seen[rows.id] = stamp;
          addRow(table, rows.id, all, base);
        }
        const pair = w >= 0 ? prev?.pairs?.get(w) : undefined;
        if (pair !== undefined && seen[pair] !== stamp) {
          seen[pair] = stamp;
          addRow(table, pair, all, base);
        }
        prev = rows;
      }
      CATEGORIES.forEach((c, k) => {
        const p = table.priors[k];
        if (!p) return;
        let best = 0;
        for (let i = 0; i < n; i++) {
          const s = 3 * K * i + 3 * k; // this sentence
          best = Math.max(best, posterior(p, all[s]!, all[s + 1]!, all[s + 2]!));
          if (i + 1 < n) {
            const t = s + 3 * K; // the next one
            const b = 3 * K * (n + i) + 3 * k; // the pair across them
            const ly = all[s]! + all[t]! + all[b]!;
            const ln = all[s + 1]! + all[t + 1]! + all[b + 1]!;
            best = Math.max(best, posterior(p, ly, ln, all[s + 2]! + all[t + 2]! + all[b + 2]!));
          }
        }
        result[c] = best;
      });
      return result;
    },
  };
  return model;
}
