/** Reading the labelled corpus (`corpus/`), shared by the split, train and eval scripts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/load.js';
import type { Category } from '../src/core/categories.js';
import type { Lang } from '../src/core/languages.js';

export interface Sample {
  id: string;
  lang: Lang;
  text: string;
  labels: Category[];
  tags?: string[];
}

export const CORPUS = join(ROOT, 'corpus');

/** Reads every `<lang>.jsonl` in `corpus/<part>/`. */
export function readCorpus(part: 'raw' | 'train' | 'heldout'): Sample[] {
  const dir = join(CORPUS, part);
  const out: Sample[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    lines.forEach((line, n) => {
      if (line.trim() === '') return;
      try {
        out.push(JSON.parse(line) as Sample);
      } catch (err) {
        throw new Error(`corpus/${part}/${name}:${n + 1}: ${(err as Error).message}`);
      }
    });
  }
  return out;
}

/** FNV-1a hash of a string, for the fixed split. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A message goes to the held-out split when its id hashes into the first 30 of 100 buckets. Development batches
 * (`<lang>-dNNN`, written after the split was fixed, to find where the patterns fail to generalise) always train.
 */
export function isHeldOut(id: string): boolean {
  if (/^[a-z]{2}-d\d+$/.test(id)) return false;
  return fnv1a(id) % 100 < 30;
}
