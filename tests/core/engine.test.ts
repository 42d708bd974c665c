/** The engine on the project's pattern set: findings, evidence, score ordering, bad input. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import { createModel, modelFileSchema, type ModelFile } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { tokenize } from '../../src/core/tokens.js';
import { levelOf, scoreOf } from '../../src/core/score.js';
import { loadModel, loadPatterns, MODEL_PATH } from '../../src/load.js';

const patterns = loadPatterns();
const engine = createEngine(patterns, { model: loadModel()! });
const rulesOnly = createEngine(patterns);

describe('verdicts explain themselves', () => {
  it('names the rule, its weight and the words for each finding', () => {
    const v = rulesOnly.screen('Please close the dispute, I refund you by PayPal');
    const ids = v.categories.map((c) => c.id);
    expect(ids).toContain('close_dispute');
    expect(ids).toContain('offplatform_refund');
    const finding = v.findings.find((f) => f.source === 'rule' && f.id.startsWith('en.close_dispute.'))!;
    expect(finding.category).toBe('close_dispute');
    expect(finding.weight).toBeGreaterThan(0);
    expect(finding.evidence[0]!.text.toLowerCase()).toContain('close the dispute');
  });

  it('quotes the original text with exact offsets, through emoji and disguised spellings', () => {
    const text = '🙏🙏 Dear friend, pls c-a-n-c-e-l the d1spute 🙏 and I refund by p a y p a l';
    const v = engine.screen(text);
    expect(v.categories.length).toBeGreaterThan(0);
    for (const c of v.categories) {
      expect(c.evidence.length).toBeGreaterThan(0);
      for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('scores "close the dispute and I refund by PayPal" above "the parcel is on the way"', () => {
    const worst = engine.screen('Please close the dispute and I refund you by PayPal');
    const stalling = engine.screen('Dear friend, the parcel is on the way, please wait a few more days');
    expect(worst.level).toBe('high');
    expect(worst.score).toBeGreaterThan(stalling.score);
  });

  it.each([
    'Your parcel has been shipped. Tracking number: LP00123456789CN',
    'We have extended your buyer protection by 15 days.',
    'Never pay outside the platform: we will never ask for your PayPal.',
    'If you are satisfied with the item, please leave us 5 stars. Thank you!',
  ])('keeps a benign message low: %s', (text) => {
    expect(engine.screen(text).level).toBe('low');
  });

  it('gives advice ids in order of importance', () => {
    const v = engine.screen('Please close the dispute and I refund you by PayPal');
    expect(v.advice[0]).toBe('keep_dispute_open');
    expect(v.advice).toContain('refuse_offplatform');
  });
});

describe('score and level', () => {
  it('is a fixed function: low below 30, medium below 65, high from 65', () => {
    expect([0, 29, 30, 64, 65, 100].map(levelOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });

  it('rates dangerous combinations above their parts', () => {
    const alone = scoreOf({ close_dispute: 0.8 });
    const combo = scoreOf({ close_dispute: 0.8, offplatform_refund: 0.8 });
    expect(combo).toBeGreaterThan(alone);
    expect(scoreOf({})).toBe(0);
  });
});

describe('bad input never throws and finishes in bounded time', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t  '],
    ['1 MB', 'please close the dispute '.repeat(44_000)],
    ['binary-looking', String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536))],
    ['right-to-left', 'الرجاء إغلاق النزاع وسأعيد لك المال عبر باي بال'],
    ['emoji only', '😀🙏🔥'.repeat(1000)],
    ['control characters', '\u0000\u0001\u0002close\u0007 the\u001b dispute\u007f'],
    ['lone surrogates', '\ud800close\udc00 dispute'],
  ])('%s', (_name, text) => {
    const v = engine.screen(text);
    expect(v.score).toBeGreaterThanOrEqual(0);
    expect(v.score).toBeLessThanOrEqual(100);
    for (const c of v.categories) for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('holds for any string (property-based)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const v = engine.screen(text);
        expect(Number.isInteger(v.score)).toBe(true);
        expect(['low', 'medium', 'high']).toContain(v.level);
        for (const c of v.categories) for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for tactic phrases mixed with noise (property-based)', () => {
    const pieces = fc.constantFrom('close the dispute', 'PayPal', ' ', '😀', '\u200b', 'c1ose', 'спор', 'é', '\n', '-', '.');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const v = engine.screen(text);
        for (const c of v.categories) for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('engines sharing a pattern set', () => {
  it("each scores with its own model, though the words' model views are kept in the shared word table", () => {
    const file = modelFileSchema.parse(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
    // a different model: every category's yes and no swapped
    const swapped = createModel({
      ...file,
      classifiers: Object.fromEntries(
        Object.entries(file.classifiers).map(([c, d]) => [
          c,
          { ...d, classFeatures: { yes: d.classFeatures.no ?? {}, no: d.classFeatures.yes ?? {} }, classTotals: { yes: d.classTotals.no ?? 1, no: d.classTotals.yes ?? 1 } },
        ]),
      ),
    } as unknown as ModelFile);
    const shared = loadPatterns();
    const a = createEngine(shared, { model: loadModel()! });
    const b = createEngine(shared, { model: swapped });
    const alone = createEngine(loadPatterns(), { model: swapped });
    const texts = [
      'Please close the dispute, I send you a new one tomorrow, my friend',
      'Dear friend the parcel is on the way, please wait some more days',
      'Bitte schließen Sie den Streitfall, ich erstatte Ihnen das Geld per PayPal',
    ];
    let differ = 0;
    for (const t of texts) {
      const va = a.screen(t);
      const vb = b.screen(t);
      expect(vb).toEqual(alone.screen(t));
      if (JSON.stringify(va) !== JSON.stringify(vb)) differ++;
    }
    // the two models do disagree on these messages, so a view kept from the wrong model would show
    expect(differ).toBeGreaterThan(0);
  });

  it("refuses to score words another model described", () => {
    const model = loadModel()!;
    const other = createModel(modelFileSchema.parse(JSON.parse(readFileSync(MODEL_PATH, 'utf8'))));
    const tokens = tokenize(normalize('close the dispute').text);
    expect(() => model.scoreWords(tokens, tokens.map((t) => other.wordOf(t.word, t.word)))).toThrow(/another model/);
  });
});
