/** Runs a compiled pattern set over a normalised, tokenised message. */
import type { Token } from '../tokens.js';
import type { CompiledPhrase, PatternSet } from './compile.js';

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

function altMatches(stems: readonly string[], tokens: readonly Token[], i: number, step: CompiledPhrase['steps'][number]): boolean {
  if (step.stems.has(stems[i]!)) return true;
  const word = tokens[i]!.word;
  for (const p of step.prefixes) if (word.startsWith(p)) return true;
  return false;
}

/**
 * Tries `phrase` with its first step at token `i`; returns the last token index or -1. Backtracks over gaps, and
 * remembers the (step, token) pairs that failed, so the work stays linear in steps × gap.
 */
function matchFrom(stems: readonly string[], tokens: readonly Token[], phrase: CompiledPhrase, i: number): number {
  const steps = phrase.steps;
  if (steps.length === 1) return i;
  let failed: Set<number> | undefined;
  const step = (s: number, at: number): number => {
    if (s === steps.length) return at;
    const key = s * 1_000_000 + at;
    if (failed?.has(key)) return -1;
    const st = steps[s]!;
    const last = Math.min(tokens.length - 1, at + 1 + st.gap);
    const sentence = tokens[at]!.sentence;
    for (let j = at + 1; j <= last && tokens[j]!.sentence === sentence; j++) {
      if (altMatches(stems, tokens, j, st)) {
        const end = step(s + 1, j);
        if (end >= 0) return end;
      }
    }
    (failed ??= new Set()).add(key);
    return -1;
  };
  return step(1, i);
}

/**
 * Finds every rule that fires in the message. `languages` limits the phrase rules to those languages (and the
 * language-neutral ones); regex rules always run.
 */
export function matchPatterns(set: PatternSet, text: string, tokens: readonly Token[], languages?: ReadonlySet<string>): RuleHit[] {
  // occurrences per rule and group
  const occ = new Map<number, Occurrence[][]>();
  const record = (p: CompiledPhrase, o: Occurrence) => {
    let groups = occ.get(p.rule);
    if (!groups) {
      groups = Array.from({ length: set.rules[p.rule]!.groups }, () => []);
      occ.set(p.rule, groups);
    }
    const list = groups[p.group]!;
    const prev = list[list.length - 1];
    // the same phrase found again at the same place (two alternatives of one word) counts once
    if (!prev || prev.from !== o.from || prev.to !== o.to) list.push(o);
  };

  const words = tokens.map((t) => t.word);
  // prefix index keys, computed once for all languages
  const key2 = words.map((w) => (w.length > 1 ? w.slice(0, 2) : ''));
  const key1 = words.map((w) => w.slice(0, 1));
  for (const index of set.indexes) {
    if (languages && index.lang !== 'any' && !languages.has(index.lang)) continue;
    const stems = index.lang === 'any' ? words : words.map(index.stem);
    for (let i = 0; i < tokens.length; i++) {
      const candidates = index.byStem.get(stems[i]!);
      if (candidates) {
        for (const p of candidates) {
          const end = matchFrom(stems, tokens, p, i);
          if (end >= 0) record(p, { from: i, to: end });
        }
      }
      const word = words[i]!;
      for (let k = 2; k >= 1; k--) {
        const key = k === 2 ? key2[i]! : key1[i]!;
        const list = key === '' ? undefined : index.byPrefix.get(key);
        if (!list) continue;
        for (const [prefix, p] of list) {
          if (word.startsWith(prefix)) {
            const end = matchFrom(stems, tokens, p, i);
            if (end >= 0) record(p, { from: i, to: end });
          }
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
