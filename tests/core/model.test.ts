import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/core/categories.js';
import { createModel, featuresOf, modelFileSchema, sentences, type ModelFile } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { createStemmer } from '../../src/core/stem.js';
import { tokenize, type Token } from '../../src/core/tokens.js';
import { MODEL_PATH } from '../../src/load.js';
import { corpusTexts } from '../support/corpus-texts.js';

/** The model's definition, feature strings and all: the best sentence or pair of neighbouring sentences. */
function reference(file: ModelFile, tokens: readonly Token[], stem: (w: string) => string): Record<string, number> {
  const out: Record<string, number> = {};
  const parts = sentences(tokens);
  const windows: string[][] = [];
  parts.forEach((p, i) => {
    windows.push(featuresOf(p, stem));
    const next = parts[i + 1];
    if (next) {
      const key = (t: Token) => (/^\d+$/.test(t.word) ? '#' : stem(t.word));
      windows.push([...featuresOf(p, stem), ...featuresOf(next, stem), `b:${key(p[p.length - 1]!)}_${key(next[0]!)}`]);
    }
  });
  for (const c of CATEGORIES) {
    const d = file.classifiers[c]!;
    const yes = d.classFeatures.yes ?? {};
    const no = d.classFeatures.no ?? {};
    const totYes = d.classTotals.yes ?? 1;
    const totNo = d.classTotals.no ?? 1;
    let best = 0;
    for (const w of windows) {
      let ly = Math.log(totYes / d.totalExamples);
      let ln = Math.log(totNo / d.totalExamples);
      let known = 0;
      for (const f of w) {
        if (!(f in yes) && !(f in no)) continue;
        ly += Math.log((yes[f] ?? d.smoothing) / totYes);
        ln += Math.log((no[f] ?? d.smoothing) / totNo);
        known++;
      }
      if (known > 0) best = Math.max(best, ln - ly > 50 ? 0 : 1 / (1 + Math.exp(ln - ly)));
    }
    out[c] = best;
  }
  return out;
}

describe('model', () => {
  it('scores as its definition says, on corpus messages', () => {
    const file = modelFileSchema.parse(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
    const model = createModel(file);
    const stem = createStemmer('en');
    const texts = corpusTexts().filter((_, i) => i % 7 === 0);
    expect(texts.length).toBeGreaterThan(200);
    let lifted = 0;
    for (const text of texts) {
      const tokens = tokenize(normalize(text).text);
      const got = model.score(tokens, tokens.map((t) => stem(t.word)));
      const want = reference(file, tokens, stem);
      for (const c of CATEGORIES) expect(got[c]).toBeCloseTo(want[c]!, 9);
      if (Object.values(got).some((p) => p > 0.5)) lifted++;
    }
    expect(lifted).toBeGreaterThan(10);
  });
});
