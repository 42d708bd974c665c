import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/load.js';

/** Every message text of the labelled corpus (`corpus/raw`), for tests that compare two implementations. */
export function corpusTexts(): string[] {
  const dir = join(ROOT, 'corpus', 'raw');
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line.trim() !== '') out.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return out;
}
