/** Splits `corpus/raw/` into `corpus/train/` and `corpus/heldout/` by a hash of each id (about 30 % held out). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, isHeldOut, readCorpus, type Sample } from './corpus.js';

const all = readCorpus('raw');
const parts: Record<'train' | 'heldout', Map<string, Sample[]>> = { train: new Map(), heldout: new Map() };
for (const s of all) {
  const part = isHeldOut(s.id) ? 'heldout' : 'train';
  const file = s.id.split('-')[0]!;
  parts[part].set(file, [...(parts[part].get(file) ?? []), s]);
}
for (const [part, files] of Object.entries(parts)) {
  mkdirSync(join(CORPUS, part), { recursive: true });
  for (const [lang, samples] of files) {
    writeFileSync(join(CORPUS, part, `${lang}.jsonl`), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  }
  console.log(part, [...files.values()].reduce((n, s) => n + s.length, 0));
}
