/** Runs a compiled pattern set over a normalised, tokenised message. */
import type { Token } from '../tokens.js';
import type { CompiledPhrase, PatternSet } from './compile.js';
import { triggerPlaces } from './regex-source.js';

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

/**
 * What the matcher knows about one distinct word: its stem per language slot, the step conditions it satisfies and
 * the phrases it can start.
 */
export interface WordEntry {
  readonly word: string;
  /**
   * The word's stem in each language slot (see SLOTS in compile.ts), computed when first needed (see
   * {@link stemIn}): most words need only a few of the eight stemmers.
   */
  readonly stems: (string | undefined)[];
  /** The step conditions it satisfies that some phrase needs after its first step (the others need no mark). */
  readonly marks: readonly number[];
  /** The phrases it can start, per language slot. */
  readonly starts: readonly (readonly CompiledPhrase[])[];
  /** Regex rules whose triggers the word holds, where in the word the triggers start, and whether it is tried there. */
  readonly regexes: readonly (readonly [rule: number, at: readonly number[], sticky: boolean])[];
}

/** Per pattern set: the distinct words seen before, and a scratch table of the conditions a message satisfies. */
interface Table {
  readonly words: Map<string, WordEntry>;
  /** 1 for the conditions some phrase needs after its first step. */
  readonly needed: Uint8Array;
  /** `marks[c] === generation` when a word of the current message satisfies condition `c`. */
  readonly marks: Uint32Array;
  /** `regexMarks[r] === generation` when a word of the current message holds a trigger of regex rule `r`. */
  readonly regexMarks: Uint32Array;
  generation: number;
}

/** Words remembered per pattern set; the table is cleared when full so adversarial input cannot grow it forever. */
const tables = new WeakMap<PatternSet, Table>();
const TABLE_LIMIT = 50_000;

const NONE: readonly CompiledPhrase[] = [];

function entryOf(set: PatternSet, words: Map<string, WordEntry>, needed: Uint8Array, word: string): WordEntry {
  const known = words.get(word);
  if (known) return known;
  const stems: (string | undefined)[] = [];
  const conditions = new Set<number>();
  set.indexes.forEach((index, slot) => {
    // a word starts with its stem's head (see stemHead): a slot where no prefix of the word is a head cannot hold
    // its stem, and the word is not stemmed for it
    let possible = false;
    for (let n = Math.min(word.length, index.longestHead); n >= 1 && !possible; n--) possible = index.stemHeads.has(word.slice(0, n));
    if (possible) {
      const stem = index.stem(word);
      stems[slot] = stem;
      for (const c of index.byStem.get(stem) ?? []) conditions.add(c);
    }
  });
  // prefix alternatives: every prefix of the word, looked up once for all slots
  for (let n = Math.min(word.length, set.longestPrefix); n >= 1; n--) {
    for (const c of set.byPrefix.get(word.slice(0, n)) ?? []) conditions.add(c);
  }
  const regexes = new Map<number, Set<number>>();
  for (const ch of new Set(word)) {
    for (const [t, rule] of set.regexTriggers.get(ch) ?? []) {
      const at = triggerPlaces(word, t);
      if (at.length === 0) continue;
      const places = regexes.get(rule) ?? new Set<number>();
      for (const k of at) places.add(k);
      regexes.set(rule, places);
    }
  }
  const starts: CompiledPhrase[][] = set.indexes.map(() => []);
  for (const c of conditions) for (const p of set.startsWith[c]!) starts[p.slot]!.push(p);
  const entry: WordEntry = {
    word,
    stems,
    marks: [...conditions].filter((c) => needed[c] === 1),
    starts: starts.map((list) => (list.length === 0 ? NONE : list)),
    regexes: [...regexes].map(([rule, at]) => [rule, [...at].sort((a, b) => a - b), set.rules[rule]!.sticky !== undefined] as const),
  };
  if (words.size >= TABLE_LIMIT) words.clear();
  words.set(word, entry);
  return entry;
}

/** The stem of an entry's word in a language slot. */
export function stemIn(set: PatternSet, entry: WordEntry, slot: number): string {
  return (entry.stems[slot] ??= set.indexes[slot]!.stem(entry.word));
}

function altMatches(set: PatternSet, entries: readonly WordEntry[], tokens: readonly Token[], i: number, slot: number, step: CompiledPhrase['steps'][number]): boolean {
  if (step.stems.size > 0 && step.stems.has(stemIn(set, entries[i]!, slot))) return true;
  if (step.prefixes.length === 0) return false;
  const word = tokens[i]!.word;
  for (const p of step.prefixes) if (word.startsWith(p)) return true;
  return false;
}

/**
 * Tries `phrase` with its first step at token `i`; returns the last token index or -1. Backtracks over gaps, and
 * remembers the (step, token) pairs that failed, so the work stays linear in steps × gap.
 */
function matchFrom(set: PatternSet, entries: readonly WordEntry[], tokens: readonly Token[], phrase: CompiledPhrase, i: number): number {
  const steps = phrase.steps;
  if (steps.length === 1) return i;
  const slot = phrase.slot;
  let failed: Set<number> | undefined;
  const step = (s: number, at: number): number => {
    if (s === steps.length) return at;
    const key = s * 1_000_000 + at;
    if (failed?.has(key)) return -1;
    const st = steps[s]!;
    const last = Math.min(tokens.length - 1, at + 1 + st.gap);
    const sentence = tokens[at]!.sentence;
    for (let j = at + 1; j <= last && tokens[j]!.sentence === sentence; j++) {
      if (altMatches(set, entries, tokens, j, slot, st)) {
        const end = step(s + 1, j);
        if (end >= 0) return end;
      }
    }
    (failed ??= new Set()).add(key);
    return -1;
  };
  return step(1, i);
}

/** What the matcher knows about each token's word (remembered per distinct word). */
export function wordEntries(set: PatternSet, tokens: readonly Token[]): WordEntry[] {
  const { words, needed } = tableOf(set);
  return tokens.map((t) => entryOf(set, words, needed, t.word));
}

function tableOf(set: PatternSet): Table {
  let table = tables.get(set);
  if (!table) {
    const marks = new Uint32Array(set.conditions);
    const needed = new Uint8Array(set.conditions);
    for (const list of set.startsWith) for (const p of list) for (const c of p.rest) needed[c] = 1;
    tables.set(set, (table = { words: new Map(), needed, marks, regexMarks: new Uint32Array(set.rules.length), generation: 0 }));
  }
  return table;
}

/**
 * Finds every rule that fires in the message. `languages` limits the phrase rules to those languages (and the
 * language-neutral ones); regex rules always run. `entries` are the tokens' {@link wordEntries}, when the caller
 * has them already.
 */
export function matchPatterns(
  set: PatternSet,
  text: string,
  tokens: readonly Token[],
  languages?: ReadonlySet<string>,
  entries: readonly WordEntry[] = wordEntries(set, tokens),
): RuleHit[] {
  // occurrences per rule and group
  const occ = new Map<number, Occurrence[][]>();
  const record = (p: CompiledPhrase, o: Occurrence) => {
    let groups = occ.get(p.rule);
    if (!groups) {
      groups = [];
      for (let g = set.rules[p.rule]!.groups; g > 0; g--) groups.push([]);
      occ.set(p.rule, groups);
    }
    const list = groups[p.group]!;
    const prev = list[list.length - 1];
    // the same phrase found again at the same place (two alternatives of one word) counts once
    if (!prev || prev.from !== o.from || prev.to !== o.to) list.push(o);
  };

  const table = tableOf(set);
  // the conditions this message satisfies: a phrase runs only when every one of its steps has a word here
  if (++table.generation === 0xffffffff) {
    table.marks.fill(0);
    table.regexMarks.fill(0);
    table.generation = 1;
  }
  const { marks, regexMarks, generation } = table;
  // where the triggers of the regex rules that are tried in place stand in the text, in order
  let places: Map<number, number[]> | undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    for (const c of e.marks) marks[c] = generation;
    for (const [r, at, sticky] of e.regexes) {
      regexMarks[r] = generation;
      if (!sticky) continue;
      places ??= new Map();
      let list = places.get(r);
      if (!list) places.set(r, (list = []));
      for (const k of at) list.push(tokens[i]!.start + k);
    }
  }
  for (const [t, r] of set.regexTextTriggers) if (regexMarks[r] !== generation && text.includes(t)) regexMarks[r] = generation;
  for (const r of set.regexAlways) regexMarks[r] = generation;
  // the slots that run: every one, or the languages asked for and the language-neutral one
  const slots: number[] = [];
  set.indexes.forEach((index, slot) => {
    if (!languages || index.lang === 'any' || languages.has(index.lang)) slots.push(slot);
  });
  for (let i = 0; i < tokens.length; i++) {
    const starts = entries[i]!.starts;
    for (const slot of slots) {
      next: for (const p of starts[slot]!) {
        for (const c of p.rest) if (marks[c] !== generation) continue next;
        const end = matchFrom(set, entries, tokens, p, i);
        if (end >= 0) record(p, { from: i, to: end });
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
    // a regex runs when a word of the message holds one of its triggers, or when it has none that could be read
    if (regexMarks[rule] !== generation) continue;
    const compiled = set.rules[rule]!;
    const spans: [number, number][] = [];
    const sticky = compiled.sticky;
    if (sticky) {
      // every match starts where a trigger stands: try only there, left to right, without overlaps
      let from = 0;
      for (const at of places?.get(rule) ?? []) {
        if (at < from) continue;
        sticky.lastIndex = at;
        const m = sticky.exec(text);
        if (!m || m[0].length === 0) continue;
        spans.push([at, at + m[0].length]);
        from = at + m[0].length;
        if (spans.length >= 20) break;
      }
    } else {
      const re = compiled.regex!;
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
        if (spans.length >= 20) break;
      }
    }
    if (spans.length > 0) hits.push({ rule, spans });
  }
  return hits.sort((a, b) => a.rule - b.rule);
}
