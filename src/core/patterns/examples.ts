/** Checks every rule against its own examples: each `match` must fire the rule, each `noMatch` must not. */
import { normalize } from '../normalize.js';
import { tokenize } from '../tokens.js';
import type { PatternSet } from './compile.js';
import { matchPatterns } from './match.js';

/** An example that does not behave as its rule says. */
export interface ExampleFailure {
  readonly file: string;
  readonly rule: string;
  readonly expected: 'match' | 'noMatch';
  readonly example: string;
}

/** Whether rule number `rule` fires on `text`. */
export function ruleFires(set: PatternSet, rule: number, text: string): boolean {
  const norm = normalize(text, set.lexicon);
  return matchPatterns(set, norm.text, tokenize(norm.text)).some((h) => h.rule === rule);
}

/**
 * Every example failure in the set. The set must be compiled from the pattern files (a set loaded from the compiled
 * snapshot does not carry the examples).
 */
export function checkExamples(set: PatternSet): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  set.rules.forEach((r, i) => {
    if (!r.source) throw new Error(`rule ${r.id} has no examples here: compile the set from the pattern files`);
    for (const example of r.source.match) {
      if (!ruleFires(set, i, example)) failures.push({ file: r.file, rule: r.id, expected: 'match', example });
    }
    for (const example of r.source.noMatch) {
      if (ruleFires(set, i, example)) failures.push({ file: r.file, rule: r.id, expected: 'noMatch', example });
    }
  });
  return failures;
}
