/** Runs a compiled pattern set over a normalised, tokenised message. */
import type { Token } from '../tokens.js';
import type { CompiledPhrase, LangIndex, PatternSet } from './compile.js';

/** A rule that fired, with the spans of normalised text that made it fire. */
export interface RuleHit {
  readonly rule: number;
  /** Spans in the normalised text, `[start, end)`. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
}

interface Occurrence {
  readonly from: number; // token index
  readonly to: number; // token index, inclusive
}

function altMatches(index: LangIndex, stems: readonly string[], tokens: readonly Token[], i: number, step: CompiledPhrase['steps'][number]): boolean {
  for (const alt of step.alts) {
    if (alt.kind === 'stem' ? stems[i] === alt.value : tokens[i]!.word.startsWith(alt.value)) return true;
  }
  return false;
}

/** Tries `phrase` with its first step at token `i`; returns the last token index or -1. */
function matchFrom(index: LangIndex, stems: readonly string[], tokens: readonly Token[], phrase: CompiledPhrase, i: number): number {
  let at = i;
  for (let s = 1; s < phrase.steps.length; s++) {
    const step = phrase.steps[s]!;
    let found = -1;
    const last = Math.min(tokens.length - 1, at + 1 + step.gap);
    for (let j = at + 1; j <= last; j++) {
      if (altMatches(index, stems, tokens, j, step)) {
        found = j;
        break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  return at;
}

/** Finds every rule that fires in the message. */
export function matchPatterns(set: PatternSet, text: string, tokens: readonly Token[]): RuleHit[] {
  // occurrences per rule and group
  const occ = new Map<number, Occurrence[][]>();
  const record = (p: CompiledPhrase, o: Occurrence) => {
    let groups = occ.get(p.rule);
    if (!groups) {
      groups = Array.from({ length: set.rules[p.rule]!.groups }, () => []);
      occ.set(p.rule, groups);
    }
    groups[p.group]!.push(o);
  };

  for (const index of set.indexes) {
    const stems = tokens.map((t) => index.stem(t.word));
    for (let i = 0; i < tokens.length; i++) {
      const candidates = index.byStem.get(stems[i]!);
      if (candidates) {
        for (const p of candidates) {
          const end = matchFrom(index, stems, tokens, p, i);
          if (end >= 0) record(p, { from: i, to: end });
        }
      }
      const word = tokens[i]!.word;
      for (const [prefix, p] of index.byPrefix) {
        if (word.startsWith(prefix)) {
          const end = matchFrom(index, stems, tokens, p, i);
          if (end >= 0) record(p, { from: i, to: end });
        }
      }
    }
  }

  const hits: RuleHit[] = [];
  for (const [rule, groups] of occ) {
    const compiled = set.rules[rule]!;
    const span = (o: Occurrence): [number, number] => [tokens[o.from]!.start, tokens[o.to]!.end];
    if (compiled.groups === 1) {
      hits.push({ rule, spans: groups[0]!.map(span) });
      continue;
    }
    if (groups.some((g) => g.length === 0)) continue;
    const spans: [number, number][] = [];
    for (const anchor of groups[0]!) {
      const chosen: Occurrence[] = [anchor];
      for (let g = 1; g < groups.length; g++) {
        const near = groups[g]!.find(
          (o) => Math.abs(o.from - anchor.from) <= compiled.window || Math.abs(o.to - anchor.to) <= compiled.window,
        );
        if (!near) break;
        chosen.push(near);
      }
      if (chosen.length === groups.length) {
        // one quote from the first to the last word that made the rule fire
        const from = Math.min(...chosen.map((o) => o.from));
        const to = Math.max(...chosen.map((o) => o.to));
        spans.push(span({ from, to }));
      }
    }
    if (spans.length > 0) hits.push({ rule, spans });
  }

  for (const rule of set.regexRules) {
    const re = set.rules[rule]!.regex!;
    re.lastIndex = 0;
    const spans: [number, number][] = [];
    for (const m of text.matchAll(re)) {
      if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
      if (spans.length >= 20) break;
    }
    if (spans.length > 0) hits.push({ rule, spans });
  }
  return hits.sort((a, b) => a.rule - b.rule);
}
