/**
 * Validates the pattern files and their examples; with `--train [lang]`, also screens the TRAIN split with rules
 * alone and lists false positives and misses per category, for tuning. It never reads the held-out split.
 *
 *   npm run patterns:check                 validate files and examples
 *   npm run patterns:check -- --train fr   fr and language-neutral rules only, with per-category figures and errors
 *                                          on corpus/train/fr.jsonl (add --quiet for figures alone)
 */
import { createEngine } from '../src/core/engine.js';
import { checkExamples } from '../src/core/patterns/examples.js';
import { CATEGORIES } from '../src/core/categories.js';
import { compilePatterns } from '../src/core/patterns/compile.js';
import { normalize } from '../src/core/normalize.js';
import { matchPatterns } from '../src/core/patterns/match.js';
import { tokenize } from '../src/core/tokens.js';
import { readPatternFiles } from '../src/load.js';
import { readCorpus } from './corpus.js';

const args = process.argv.slice(2);
let set;
try {
  // with --train <lang>, only that language's files and the language-neutral ones are loaded
  const only = args[args.indexOf('--train') + 1];
  const files = readPatternFiles().filter((f) => !only || !args.includes('--train') || [only, 'any'].includes(f.file.language));
  set = compilePatterns(files);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const failures = checkExamples(set);
for (const f of failures) console.log(`EXAMPLE ${f.expected === 'match' ? 'MISSED ' : 'MATCHED'} ${f.rule} (${f.file}): ${f.example}`);
console.log(`${set.rules.length} rules, ${failures.length} example failures`);

const train = readCorpus('train');
const at = args.indexOf('--train');
if (at >= 0) {
  const lang = args[at + 1];
  const samples = train.filter((s) => !lang || s.lang === lang);
  const engine = createEngine(set);
  const stats = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const show = args.includes('--quiet') ? () => {} : console.log;
  for (const s of samples) {
    const v = engine.screen(s.text);
    const got = new Set(v.categories.map((c) => c.id));
    for (const c of CATEGORIES) {
      const want = s.labels.includes(c);
      if (want && got.has(c)) stats[c]!.tp++;
      else if (want) {
        stats[c]!.fn++;
        show(`MISS ${c} ${s.id}: ${s.text.slice(0, 300).replace(/\n/g, ' ')}`);
      } else if (got.has(c)) {
        stats[c]!.fp++;
        const rules = v.findings.filter((f) => f.category === c).map((f) => `${f.id}="${f.evidence[0]?.text ?? ''}"`);
        show(`FALSE ${c} ${s.id} [${rules.join(', ')}]: ${s.text.slice(0, 300).replace(/\n/g, ' ')}`);
      }
    }
  }
  for (const c of CATEGORIES) {
    const { tp, fp, fn } = stats[c]!;
    const p = tp / Math.max(1, tp + fp);
    const r = tp / Math.max(1, tp + fn);
    console.log(`${c.padEnd(20)} P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${((2 * p * r) / Math.max(1e-9, p + r)).toFixed(2)} (tp ${tp} fp ${fp} fn ${fn})`);
  }
  console.log(`${samples.length} train messages${lang ? ` in ${lang}` : ''}`);
}

// regex rules that scan most messages whole: a regex runs only where its triggers are, and is tried in place when
// every match starts with a trigger; one whose triggers stand in most texts (a space, "de", a digit) and that cannot
// be tried in place costs every message a full scan
{
  const scans = new Map<number, number>();
  for (const s of train) {
    const norm = normalize(s.text, set.lexicon);
    matchPatterns(set, norm.text, tokenize(norm.text), undefined, undefined, (rule) => scans.set(rule, (scans.get(rule) ?? 0) + 1));
  }
  const costly = [...scans].filter(([, n]) => n > train.length / 3).sort((a, b) => b[1] - a[1]);
  for (const [rule, n] of costly) {
    console.log(`COSTLY ${set.rules[rule]!.id}: scans ${Math.round((100 * n) / train.length)} % of train messages whole (start it with a literal, or give it rarer literals)`);
  }
  console.log(`${costly.length} regex rules scan more than a third of the messages whole`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
