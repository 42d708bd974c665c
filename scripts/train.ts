/**
 * Trains the statistical model from the TRAIN split (never the held-out one) and writes `models/model.json`.
 * One natural BayesClassifier per category, yes/no, on sparse features (see src/core/model.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { CATEGORIES } from '../src/core/categories.js';
import { featuresOf, type ModelFile } from '../src/core/model.js';
import { normalize } from '../src/core/normalize.js';
import { createStemmer } from '../src/core/stem.js';
import { tokenize } from '../src/core/tokens.js';
import { LANGUAGES, type Lang } from '../src/core/languages.js';
import { loadPatterns, MODEL_PATH } from '../src/load.js';
import { readCorpus, type Sample } from './corpus.js';

/** Trains classifiers on `samples`; exported for cross-validation in eval. */
export function train(samples: readonly Sample[], lexicon: ReadonlySet<string>): ModelFile {
  const stemmers = new Map<Lang, ReturnType<typeof createStemmer>>(LANGUAGES.map((l) => [l, createStemmer(l)]));
  const docs = samples.map((s) => {
    const norm = normalize(s.text, lexicon);
    const features = featuresOf(tokenize(norm.text), stemmers.get(s.lang)!);
    return { features: Object.fromEntries(features.map((f, i) => [String(i), f])), labels: s.labels };
  });
  const classifiers = {} as ModelFile['classifiers'];
  for (const c of CATEGORIES) {
    const bayes = new BayesClassifier();
    for (const d of docs) bayes.classifier.addExample(d.features, d.labels.includes(c) ? 'yes' : 'no');
    const { classFeatures, classTotals, totalExamples, smoothing } = bayes.classifier;
    classifiers[c] = { classFeatures, classTotals, totalExamples, smoothing };
  }
  return { version: 1, trainedOn: { messages: samples.length, corpus: 'corpus/train' }, classifiers };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = readCorpus('train');
  const model = train(samples, loadPatterns().lexicon);
  mkdirSync(dirname(MODEL_PATH), { recursive: true });
  writeFileSync(MODEL_PATH, JSON.stringify(model));
  console.log(`trained on ${samples.length} messages -> ${MODEL_PATH}`);
}
