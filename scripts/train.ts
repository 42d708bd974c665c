/**
 * Trains the statistical model from the TRAIN split (never the held-out one) and writes `models/model.json`.
 * One natural BayesClassifier per category, yes/no, on sparse features (see src/core/model.ts). For a fast start it
 * also writes the model's scoring table (`models/model-table.json`), the stems of the pattern words
 * (`models/stems.json`) and the compiled pattern set (`models/patterns.json`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { CATEGORIES } from '../src/core/categories.js';
import { featuresOf, tableFile, type ModelFile } from '../src/core/model.js';
import { normalize } from '../src/core/normalize.js';
import { createStemmer, stemWord } from '../src/core/stem.js';
import { tokenize } from '../src/core/tokens.js';
import { LANGUAGES, type Lang } from '../src/core/languages.js';
import { loadPatterns, MODEL_PATH, MODEL_TABLE_PATH, modelHash, parsePatternSources, readPatternFiles, readPatternSources, readStemSeed, SNAPSHOT_PATH, STEMS_PATH } from '../src/load.js';
import { compilePatterns, patternWords } from '../src/core/patterns/compile.js';
import { hashSources, toSnapshot } from '../src/core/patterns/snapshot.js';
import { readCorpus, type Sample } from './corpus.js';

/** Features must appear in this many training messages to be kept. */
export const MIN_DOCS = 2;

/** Trains classifiers on `samples`; exported for cross-validation in eval. */
export function train(samples: readonly Sample[], lexicon: ReadonlySet<string>): ModelFile {
  const stemmers = new Map<Lang, ReturnType<typeof createStemmer>>(LANGUAGES.map((l) => [l, createStemmer(l)]));
  const docs = samples.map((s) => {
    const norm = normalize(s.text, lexicon);
    const features = featuresOf(tokenize(norm.text), stemmers.get(s.lang)!);
    return { features: Object.fromEntries(features.map((f, i) => [String(i), f])), labels: s.labels };
  });
  // words seen in a single training message are noise for the model and cost memory: keep features seen twice
  const df = new Map<string, number>();
  for (const d of docs) for (const f of Object.values(d.features)) df.set(f, (df.get(f) ?? 0) + 1);
  for (const d of docs) {
    const kept = Object.values(d.features).filter((f) => (df.get(f) ?? 0) >= MIN_DOCS);
    d.features = Object.fromEntries(kept.map((f, i) => [String(i), f]));
  }
  const classifiers = {} as ModelFile['classifiers'];
  for (const c of CATEGORIES) {
    const bayes = new BayesClassifier();
    for (const d of docs) bayes.classifier.addExample(d.features, d.labels.includes(c) ? 'yes' : 'no');
    const { classFeatures, classTotals, totalExamples, smoothing } = bayes.classifier;
    classifiers[c] = { classFeatures, classTotals, totalExamples, smoothing };
  }
  return { version: 1, trainedOn: { messages: samples.length, corpus: 'corpus/train' }, classifiers };
}

/** The stems of every pattern word, per language, for a fast start (see readStemSeed). */
export function stemSeed(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [lang, words] of patternWords(readPatternFiles())) {
    out[lang] = Object.fromEntries([...words].sort().map((w) => [w, stemWord(lang, w)]));
  }
  return out;
}

/** The compiled pattern set of the current pattern files, as `models/patterns.json` holds it. */
export function patternSnapshot(): ReturnType<typeof toSnapshot> {
  const sources = readPatternSources();
  return toSnapshot(compilePatterns(parsePatternSources(sources), readStemSeed()), hashSources(sources));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = readCorpus('train');
  const model = train(samples, loadPatterns().lexicon);
  mkdirSync(dirname(MODEL_PATH), { recursive: true });
  const text = JSON.stringify(model);
  writeFileSync(MODEL_PATH, text);
  console.log(`trained on ${samples.length} messages -> ${MODEL_PATH}`);
  writeFileSync(MODEL_TABLE_PATH, JSON.stringify(tableFile(model, modelHash(text))));
  console.log(`its scoring table -> ${MODEL_TABLE_PATH}`);
  writeFileSync(STEMS_PATH, JSON.stringify(stemSeed()));
  console.log(`pattern word stems -> ${STEMS_PATH}`);
  writeFileSync(SNAPSHOT_PATH, JSON.stringify(patternSnapshot()));
  console.log(`compiled patterns -> ${SNAPSHOT_PATH}`);
}
