/**
 * Detection quality on the labelled corpus. By default the HELD-OUT split (never used to write patterns or train
 * the model); `--split train` for the training split. Prints, for rules alone and for rules + model: per-category
 * precision/recall/F1, macro-F1 per language, false alarms (benign messages not at level low), tactic messages
 * caught (at medium or high), language detection accuracy and the worst misses.
 */
import { CATEGORIES } from '../src/core/categories.js';
import { createEngine, type Engine, type Verdict } from '../src/core/engine.js';
import { LANGUAGES } from '../src/core/languages.js';
import { loadModel, loadPatterns } from '../src/load.js';
import { readCorpus, type Sample } from './corpus.js';

const args = process.argv.slice(2);
const split = args.includes('--split') ? (args[args.indexOf('--split') + 1] as 'train' | 'heldout') : 'heldout';
const samples = readCorpus(split);
const patterns = loadPatterns();
const model = loadModel();

interface Counts { tp: number; fp: number; fn: number }
const f1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn));
const pct = (n: number) => `${(100 * n).toFixed(1)} %`;

interface Report {
  macroF1: number;
  falseAlarms: number;
  caught: number;
  perLang: Map<string, number>;
}

function evaluate(name: string, engine: Engine, print: boolean): Report {
  const verdicts = samples.map((s) => ({ s, v: engine.screen(s.text) }));
  const perCat = (subset: { s: Sample; v: Verdict }[]) => {
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<string, Counts>;
    for (const { s, v } of subset) {
      const got = new Set(v.categories.map((c) => c.id));
      for (const c of CATEGORIES) {
        const want = s.labels.includes(c);
        if (want && got.has(c)) counts[c]!.tp++;
        else if (want) counts[c]!.fn++;
        else if (got.has(c)) counts[c]!.fp++;
      }
    }
    return counts;
  };
  const overall = perCat(verdicts);
  const macro = (counts: Record<string, Counts>) => CATEGORIES.reduce((n, c) => n + f1(counts[c]!), 0) / CATEGORIES.length;
  const benign = verdicts.filter(({ s }) => s.labels.length === 0);
  const tactic = verdicts.filter(({ s }) => s.labels.length > 0);
  const falseAlarms = benign.filter(({ v }) => v.level !== 'low').length / Math.max(1, benign.length);
  const caught = tactic.filter(({ v }) => v.level !== 'low').length / Math.max(1, tactic.length);
  const perLang = new Map<string, number>();
  for (const l of LANGUAGES) {
    const sub = verdicts.filter(({ s }) => s.lang === l);
    if (sub.length > 0) perLang.set(l, macro(perCat(sub)));
  }
  const report = { macroF1: macro(overall), falseAlarms, caught, perLang };
  if (!print) return report;

  console.log(`\n== ${name} on ${split} (${samples.length} messages, ${benign.length} benign)`);
  console.log('category             precision recall  F1     (tp/fp/fn)');
  for (const c of CATEGORIES) {
    const k = overall[c]!;
    const p = k.tp / Math.max(1, k.tp + k.fp);
    const r = k.tp / Math.max(1, k.tp + k.fn);
    console.log(`${c.padEnd(20)} ${p.toFixed(3).padStart(9)} ${r.toFixed(3).padStart(6)} ${f1(k).toFixed(3).padStart(6)}  (${k.tp}/${k.fp}/${k.fn})`);
  }
  console.log(`macro-F1 ${report.macroF1.toFixed(3)}`);
  console.log(`per language macro-F1: ${[...perLang].map(([l, v]) => `${l} ${v.toFixed(3)}`).join('  ')}`);
  console.log(`false alarms (benign not low): ${pct(falseAlarms)}   tactic messages caught (medium/high): ${pct(caught)}`);
  const langOk = verdicts.filter(({ s, v }) => v.language === s.lang).length;
  console.log(`language detected right: ${pct(langOk / verdicts.length)}`);
  const misses = tactic.filter(({ v }) => v.level === 'low').sort((a, b) => a.v.score - b.v.score);
  const alarms = benign.filter(({ v }) => v.level !== 'low').sort((a, b) => b.v.score - a.v.score);
  const wrongCats = verdicts.filter(({ s, v }) => {
    const got = v.categories.map((c) => c.id).sort().join(',');
    return s.labels.length > 0 && got !== [...s.labels].sort().join(',');
  });
  const show = (list: typeof verdicts, title: string, n: number) => {
    if (list.length === 0) return;
    console.log(`${title} (${list.length}, first ${Math.min(n, list.length)}):`);
    for (const { s, v } of list.slice(0, n)) {
      console.log(`  ${s.id} score ${v.score} want [${s.labels.join(',')}] got [${v.categories.map((c) => c.id).join(',')}]: ${s.text.slice(0, 140).replace(/\s+/g, ' ')}`);
    }
  };
  show(misses, 'worst misses: tactic messages at level low', 10);
  show(alarms, 'worst false alarms: benign messages above low', 10);
  if (args.includes('--verbose')) show(wrongCats, 'tactic messages with wrong categories', 200);
  return report;
}

const rules = evaluate('rules alone', createEngine(patterns), true);
if (model) {
  const both = evaluate('rules + model', createEngine(patterns, { model }), true);
  console.log('\n== what the model adds over rules alone');
  console.log(`macro-F1 ${rules.macroF1.toFixed(3)} -> ${both.macroF1.toFixed(3)}   false alarms ${pct(rules.falseAlarms)} -> ${pct(both.falseAlarms)}   caught ${pct(rules.caught)} -> ${pct(both.caught)}`);
} else {
  console.log('\n(no models/model.json: run npm run train to compare with the model)');
}
console.log('\ntargets on heldout: macro-F1 >= 0.90, every language >= 0.85, false alarms <= 5 %, caught >= 95 %');
