/**
 * Screens a development batch (`corpus/raw/<lang>.dev.jsonl`, or another file of the same form) with the full
 * engine, as in production, and lists misses and false alarms with the rules that fired: the loop for making
 * patterns generalise. It ends with what the model changes over rules alone on the batch, which is a fair measure
 * only before the batch has been used to tune anything. Never reads the held-out split.
 *
 *   npx tsx scripts/dev-check.ts fr
 *   npx tsx scripts/dev-check.ts fr --file /tmp/new-batch.jsonl
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '../src/core/categories.js';
import { createEngine } from '../src/core/engine.js';
import { loadModel, loadPatterns } from '../src/load.js';
import { CORPUS, type Sample } from './corpus.js';

const lang = process.argv[2];
if (!lang) {
  console.error('usage: npx tsx scripts/dev-check.ts <lang>');
  process.exit(2);
}
const fileAt = process.argv.indexOf('--file');
const file = fileAt > 0 ? process.argv[fileAt + 1] : join(CORPUS, 'raw', `${lang}.dev.jsonl`);
if (!file) {
  console.error('usage: npx tsx scripts/dev-check.ts <lang> [--file <path>]');
  process.exit(2);
}
const samples = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Sample);
// one pattern set for both engines: with the model, as in production, and rules alone
const patterns = loadPatterns();
const model = loadModel();
const engine = createEngine(patterns, model ? { model } : {});
const rulesAlone = createEngine(patterns);
const stats = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
let lowTactics = 0;
let alarms = 0;
const verdicts = samples.map((s) => engine.screen(s.text));
samples.forEach((s, k) => {
  const v = verdicts[k]!;
  const got = new Set(v.categories.map((c) => c.id));
  if (s.labels.length > 0 && v.level === 'low') lowTactics++;
  if (s.labels.length === 0 && v.level !== 'low') alarms++;
  for (const c of CATEGORIES) {
    const want = s.labels.includes(c);
    if (want && got.has(c)) stats[c]!.tp++;
    else if (want) {
      stats[c]!.fn++;
      console.log(`MISS ${c} ${s.id}: ${s.text.slice(0, 300).replace(/\s+/g, ' ')}`);
    } else if (got.has(c)) {
      stats[c]!.fp++;
      const rules = v.findings.filter((f) => f.category === c).map((f) => `${f.id}(${f.weight})="${f.evidence[0]?.text ?? ''}"`);
      console.log(`FALSE ${c} ${s.id} [${rules.join(', ')}]: ${s.text.slice(0, 300).replace(/\s+/g, ' ')}`);
    }
  }
});
for (const c of CATEGORIES) {
  const { tp, fp, fn } = stats[c]!;
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  console.log(`${c.padEnd(20)} P ${p.toFixed(2)} R ${r.toFixed(2)} (tp ${tp} fp ${fp} fn ${fn})`);
}
console.log(`${samples.length} dev messages; tactic messages at level low: ${lowTactics}; benign above low: ${alarms}`);

// what the model changes on this batch: messages it lifts to medium or high, and categories it adds
let liftedTactic = 0;
let liftedBenign = 0;
let catsRight = 0;
let catsWrong = 0;
samples.forEach((s, k) => {
  const withModel = verdicts[k]!;
  const alone = rulesAlone.screen(s.text);
  if (alone.level === 'low' && withModel.level !== 'low') {
    if (s.labels.length > 0) liftedTactic++;
    else liftedBenign++;
  }
  const a = new Set(alone.categories.map((c) => c.id));
  for (const c of withModel.categories) {
    if (a.has(c.id)) continue;
    if (s.labels.includes(c.id)) catsRight++;
    else catsWrong++;
  }
});
console.log(
  `the model over rules alone: tactic messages lifted above low ${liftedTactic}, benign lifted ${liftedBenign}; ` +
    `categories added right ${catsRight}, wrong ${catsWrong}`,
);
