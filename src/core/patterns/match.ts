/** Runs a compiled pattern set over a normalised, tokenised message. */
import type { Token } from '../tokens.js';
import { longest, type CompiledPhrase, type PatternSet } from './compile.js';
import { isAsciiWord, type Trigger } from './regex-source.js';

/** A rule that fired, with the spans of normalised text that made it fire. */
export interface RuleHit {
  readonly rule: number;
  /** Spans in the normalised text, `[start, end)`. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
}

/** What the matcher knows about a word in one language slot. */
interface SlotPart {
  /** The slot's step conditions the word satisfies that some phrase needs after its first step. */
  readonly marks: readonly number[];
  /** The slot's phrases the word can start. */
  readonly starts: readonly CompiledPhrase[];
}

/** The parts of several slots joined, with each start's later conditions (its `rest`) read out in `rests`. */
interface JoinedPart {
  readonly marks: Int32Array;
  readonly starts: readonly CompiledPhrase[];
  /** For each start in turn: the length of its rest, then its rest. */
  readonly rests: Int32Array;
}

/**
 * What the matcher knows about one distinct word: its stem per language slot, the step conditions it satisfies and
 * the phrases it can start. The per-slot parts are worked out the first time a message runs that slot: a long
 * message runs only the languages it shows, and most words never need most of the eight stemmers.
 */
export interface WordEntry {
  readonly word: string;
  /** The word's stem in each language slot (see SLOTS in compile.ts), computed when first needed (see {@link stemIn}). */
  readonly stems: (string | undefined)[];
  /** A bit per slot where the word starts with a stem head (see stemHead), so that its stem may be a pattern's. */
  readonly headSlots: number;
  /** The conditions of prefix alternatives the word satisfies, of every slot. */
  readonly prefixConditions: readonly number[];
  /** Per slot, once worked out. */
  readonly parts: (SlotPart | undefined)[];
  /** A bit per slot whose part is worked out, and a bit per slot where that part is not empty. */
  computed: number;
  nonEmpty: number;
  /**
   * The non-empty parts of the slots a message runs, joined in slot order, by the bits of those slots (a word is
   * rarely in more than a few languages' patterns, so it has few of these); the last one used is kept apart.
   */
  joined: Map<number, JoinedPart> | undefined;
  lastKey: number;
  lastJoined: JoinedPart | undefined;
  /** Regex rules whose triggers the word holds, where in the word the triggers start, and whether it is tried there. */
  readonly regexes: readonly (readonly [rule: number, at: readonly number[], sticky: boolean])[];
  /** Regex rules one of whose required literals (see CompiledRule.required) the word holds. */
  readonly required: readonly number[];
  /** Per slot, what a caller keeps about the word (the engine keeps the model's view of it there). */
  readonly kept: unknown[];
}

/** A node of a trie over UTF-16 units, with what ends at it. */
interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  /** Regex triggers that end here, with their rule. */
  triggers: [Trigger, number][] | undefined;
  /** Regex rules with a required literal that ends here. */
  required: number[] | undefined;
}

function trieNode(): TrieNode {
  return { next: undefined, triggers: undefined, required: undefined };
}

/** The node for `key` under `root`, made as needed. */
function trieAt(root: TrieNode, key: string): TrieNode {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    let next = node.next?.get(c);
    if (!next) (node.next ??= new Map()).set(c, (next = trieNode()));
    node = next;
  }
  return node;
}

/** Per pattern set: the distinct words seen before, and a scratch table of the conditions a message satisfies. */
interface Table {
  readonly words: Map<string, WordEntry>;
  /**
   * By prefix: a bit per slot with that stem head (see LangIndex.stemHeads), and the conditions of the prefix
   * alternatives that are that prefix.
   */
  readonly prefixes: Map<string, { heads: number; conditions: readonly number[] | undefined }>;
  /** Length of the longest key of `prefixes`. */
  readonly longestPrefix: number;
  /** The word-level regex triggers and the regex rules' required literals. */
  readonly literals: TrieNode;
  /** `requiredMarks[r] === generation` when a word of the current message holds a required literal of rule `r`. */
  readonly requiredMarks: Uint32Array;
  /** The language slot of each condition (conditions are never shared between slots). */
  readonly conditionSlot: Uint8Array;
  /** How many joined parts the words hold (bounded like the words: see JOINED_LIMIT). */
  joinedCount: number;
  /** 1 for the conditions some phrase needs after its first step. */
  readonly needed: Uint8Array;
  /** `marks[c] === generation` when a word of the current message satisfies condition `c`. */
  readonly marks: Uint32Array;
  /** `ruleMarks[r] === generation` when the current message uses rule `r`'s list in `scratch`. */
  readonly ruleMarks: Uint32Array;
  /** Lists reused from message to message (see matchPatterns). */
  readonly scratch: { readonly lists: (NumList[] | undefined)[]; readonly used: number[]; usedCount: number; readonly joined: JoinedPart[] };
  /** `regexMarks[r] === generation` when a word of the current message holds a trigger of regex rule `r`. */
  readonly regexMarks: Uint32Array;
  generation: number;
}

/** Words remembered per pattern set; the table is cleared when full so adversarial input cannot grow it forever. */
const tables = new WeakMap<PatternSet, Table>();
const TABLE_LIMIT = 50_000;
/** Joined parts (see WordEntry.joined) the words may hold in all before the table is cleared as well. */
const JOINED_LIMIT = 4 * TABLE_LIMIT;

const NONE: readonly CompiledPhrase[] = [];

function entryOf(set: PatternSet, table: Table, word: string): WordEntry {
  const known = table.words.get(word);
  if (known) return known;
  const { words } = table;
  // the prefixes of the word, walked letter by letter: a word starts with its stem's head (see stemHead), so a slot
  // where no prefix of the word is a head cannot hold its stem, and the word is not stemmed for it; and the prefix
  // alternatives it satisfies (listed from the longest prefix, as the slots' parts take them)
  let heads = 0;
  const prefixConditions: number[] = [];
  for (let n = Math.min(word.length, table.longestPrefix); n >= 1; n--) {
    const prefix = table.prefixes.get(word.slice(0, n));
    if (!prefix) continue;
    heads |= prefix.heads;
    if (prefix.conditions) prefixConditions.push(...prefix.conditions);
  }
  // the regex triggers and required literals the word holds, walked from each of its letters; a trigger stands where
  // triggerPlaces says: where it is in the word, except that one after `\b` stands only at the start of a word of
  // ASCII letters and digits, and a whole-word one only as the whole word. (Required literals are letters and
  // digits: a text holds one only inside a word.)
  const ascii = isAsciiWord(word);
  const regexes = new Map<number, Set<number>>();
  const required = new Set<number>();
  for (let k = 0; k < word.length; k++) {
    let at: TrieNode | undefined = table.literals;
    for (let n = k; n < word.length; n++) {
      at = at.next?.get(word.charCodeAt(n));
      if (!at) break;
      for (const [t, rule] of at.triggers ?? []) {
        if (t.atWordStart && ascii && (k > 0 || (t.wholeWord === true && word.length !== n + 1))) continue;
        let places = regexes.get(rule);
        if (!places) regexes.set(rule, (places = new Set()));
        places.add(k);
      }
      for (const rule of at.required ?? []) required.add(rule);
    }
  }
  const entry: WordEntry = {
    word,
    stems: [],
    required: [...required],
    headSlots: heads,
    prefixConditions,
    parts: [],
    computed: 0,
    nonEmpty: 0,
    joined: undefined,
    lastKey: 0,
    lastJoined: undefined,
    kept: [],
    regexes: [...regexes].map(([rule, at]) => [rule, [...at].sort((a, b) => a - b), set.rules[rule]!.sticky !== undefined] as const),
  };
  if (words.size >= TABLE_LIMIT || table.joinedCount >= JOINED_LIMIT) {
    words.clear();
    table.joinedCount = 0;
  }
  words.set(word, entry);
  return entry;
}

const NO_PART: SlotPart = { marks: [], starts: NONE };

/** What an entry's word satisfies and starts in a language slot. */
function partOf(set: PatternSet, table: Table, entry: WordEntry, slot: number): SlotPart {
  const known = entry.parts[slot];
  if (known) return known;
  const conditions = new Set<number>();
  if ((entry.headSlots >>> slot) & 1) for (const c of set.indexes[slot]!.byStem.get(stemIn(set, entry, slot)) ?? []) conditions.add(c);
  for (const c of entry.prefixConditions) if (table.conditionSlot[c] === slot) conditions.add(c);
  let part = NO_PART;
  if (conditions.size > 0) {
    const starts: CompiledPhrase[] = [];
    for (const c of conditions) starts.push(...set.startsWith[c]!);
    part = { marks: [...conditions].filter((c) => table.needed[c] === 1), starts: starts.length === 0 ? NONE : starts };
  }
  entry.parts[slot] = part;
  return part;
}

const EMPTY_JOINED: JoinedPart = { marks: new Int32Array(0), starts: NONE, rests: new Int32Array(0) };

/** What an entry's word satisfies and starts in the slots a message runs (`slots`, a bit each in `mask`). */
function joinedOf(set: PatternSet, table: Table, entry: WordEntry, slots: readonly number[], mask: number): JoinedPart {
  if ((mask & ~entry.computed) !== 0) {
    for (const slot of slots) {
      if ((entry.computed >>> slot) & 1) continue;
      if (partOf(set, table, entry, slot) !== NO_PART) entry.nonEmpty |= 1 << slot;
      entry.computed |= 1 << slot;
    }
  }
  // only the slots where the word has something count: the same joined part serves every set of slots that
  // shares them
  const key = mask & entry.nonEmpty;
  if (key === 0) return EMPTY_JOINED;
  if (entry.lastKey === key) return entry.lastJoined!;
  let joined = entry.joined?.get(key);
  if (!joined) {
    const marks: number[] = [];
    const starts: CompiledPhrase[] = [];
    for (let slot = 0, bits = key; bits !== 0; slot++, bits >>>= 1) {
      if ((bits & 1) === 0) continue;
      const part = entry.parts[slot]!;
      marks.push(...part.marks);
      starts.push(...part.starts);
    }
    // the phrases' later conditions side by side (a count, then the conditions, per phrase): most phrases fail on
    // them, and reading them here spares a visit to every phrase object
    const rests = new Int32Array(starts.reduce((n, p) => n + 1 + p.rest.length, 0));
    let o = 0;
    for (const p of starts) {
      rests[o++] = p.rest.length;
      for (const c of p.rest) rests[o++] = c;
    }
    joined = { marks: Int32Array.from(marks), starts, rests };
    (entry.joined ??= new Map()).set(key, joined);
    table.joinedCount++;
  }
  entry.lastKey = key;
  entry.lastJoined = joined;
  return joined;
}

/** The stem of an entry's word in a language slot. */
export function stemIn(set: PatternSet, entry: WordEntry, slot: number): string {
  return (entry.stems[slot] ??= set.indexes[slot]!.stem(entry.word));
}

/** A list of numbers reused from message to message: `items` up to `size` are this message's. */
interface NumList {
  readonly items: number[];
  size: number;
}

const NO_PLACES: NumList = { items: [], size: 0 };

/** Whether a word's joined part holds condition `c` (its marks are few: a scan is quickest). */
function holds(part: JoinedPart, c: number): boolean {
  const marks = part.marks;
  for (let k = 0; k < marks.length; k++) if (marks[k] === c) return true;
  return false;
}

/**
 * Tries `phrase` with its first step at token `i`; returns the last token index or -1. A later step is satisfied
 * by a word whose joined part (the conditions it satisfies in the slots that run) holds the step's condition.
 * Backtracks over gaps, and remembers the (step, token) pairs that failed, so the work stays linear in steps × gap.
 * Only from the fourth step on can a pair be reached twice (the second and third steps are tried once per place of
 * the step before).
 */
function matchFrom(joined: readonly JoinedPart[], tokens: readonly Token[], phrase: CompiledPhrase, i: number): number {
  const steps = phrase.steps;
  if (steps.length === 1) return i;
  return stepFrom(joined, tokens, phrase, 1, i, steps.length >= 4 ? new Set() : undefined);
}

function stepFrom(joined: readonly JoinedPart[], tokens: readonly Token[], phrase: CompiledPhrase, s: number, at: number, failed: Set<number> | undefined): number {
  const steps = phrase.steps;
  if (s === steps.length) return at;
  const key = s * 1_000_000 + at;
  if (failed?.has(key)) return -1;
  const st = steps[s]!;
  const last = Math.min(tokens.length - 1, at + 1 + st.gap);
  const sentence = tokens[at]!.sentence;
  for (let j = at + 1; j <= last && tokens[j]!.sentence === sentence; j++) {
    if (holds(joined[j]!, st.id)) {
      const end = stepFrom(joined, tokens, phrase, s + 1, j, failed);
      if (end >= 0) return end;
    }
  }
  failed?.add(key);
  return -1;
}

/** What the matcher knows about each token's word (remembered per distinct word). */
export function wordEntries(set: PatternSet, tokens: readonly Token[]): WordEntry[] {
  const table = tableOf(set);
  return tokens.map((t) => entryOf(set, table, t.word));
}

function tableOf(set: PatternSet): Table {
  let table = tables.get(set);
  if (!table) {
    const marks = new Uint32Array(set.conditions);
    const needed = new Uint8Array(set.conditions);
    const conditionSlot = new Uint8Array(set.conditions);
    for (const list of set.startsWith) {
      for (const p of list) {
        for (const c of p.rest) needed[c] = 1;
        for (const st of p.steps) conditionSlot[st.id] = p.slot;
      }
    }
    // one bit per slot
    if (set.indexes.length > 31) throw new Error('too many language slots');
    const prefixes = new Map<string, { heads: number; conditions: readonly number[] | undefined }>();
    set.indexes.forEach((index, slot) => {
      for (const h of index.stemHeads) {
        const known = prefixes.get(h);
        prefixes.set(h, { heads: (known?.heads ?? 0) | (1 << slot), conditions: undefined });
      }
    });
    for (const [prefix, conditions] of set.byPrefix) prefixes.set(prefix, { heads: prefixes.get(prefix)?.heads ?? 0, conditions });
    const literals = trieNode();
    for (const [t, rule] of set.regexTriggers) (trieAt(literals, t.text).triggers ??= []).push([t, rule]);
    set.rules.forEach((rule, r) => {
      for (const lit of rule.required ?? []) (trieAt(literals, lit).required ??= []).push(r);
    });
    table = {
      words: new Map(),
      requiredMarks: new Uint32Array(set.rules.length),
      prefixes,
      longestPrefix: longest(prefixes.keys()),
      literals,
      conditionSlot,
      joinedCount: 0,
      needed,
      marks,
      regexMarks: new Uint32Array(set.rules.length),
      ruleMarks: new Uint32Array(set.rules.length),
      scratch: { lists: [], used: [], usedCount: 0, joined: [] },
      generation: 0,
    };
    tables.set(set, table);
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
  /** Told of each regex rule run over the whole text (not tried in place): `npm run patterns:check` counts them. */
  onScan?: (rule: number) => void,
): RuleHit[] {
  const table = tableOf(set);
  // the conditions this message satisfies: a phrase runs only when every one of its steps has a word here
  if (++table.generation === 0xffffffff) {
    table.marks.fill(0);
    table.regexMarks.fill(0);
    table.requiredMarks.fill(0);
    table.ruleMarks.fill(0);
    table.generation = 1;
  }
  const { marks, regexMarks, requiredMarks, ruleMarks, generation, scratch } = table;
  // the slots that run: every one, or the languages asked for and the language-neutral one
  const slots: number[] = [];
  let mask = 0;
  set.indexes.forEach((index, slot) => {
    if (languages && index.lang !== 'any' && !languages.has(index.lang)) return;
    slots.push(slot);
    mask |= 1 << slot;
  });

  // per rule, lists reused from message to message (a rule's list is emptied the first time the message uses it,
  // which ruleMarks records): where the triggers of a regex tried in place stand in the text, in order; or the
  // places of a phrase rule's groups, as token pairs [from, to, from, to, …]
  const listsOf = (rule: number): NumList[] => {
    let lists = scratch.lists[rule];
    if (!lists) scratch.lists[rule] = lists = Array.from({ length: Math.max(1, set.rules[rule]!.groups) }, () => ({ items: [], size: 0 }));
    if (ruleMarks[rule] !== generation) {
      ruleMarks[rule] = generation;
      for (const list of lists) list.size = 0;
      scratch.used[scratch.usedCount++] = rule;
    }
    return lists;
  };
  scratch.usedCount = 0;
  // each token's joined part (entries past this message's tokens are left from earlier ones, and never read)
  const joined = scratch.joined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const part = joinedOf(set, table, e, slots, mask);
    joined[i] = part;
    const partMarks = part.marks;
    for (let k = 0; k < partMarks.length; k++) marks[partMarks[k]!] = generation;
    for (let k = 0; k < e.required.length; k++) requiredMarks[e.required[k]!] = generation;
    for (let k = 0; k < e.regexes.length; k++) {
      const regex = e.regexes[k]!;
      const r = regex[0];
      regexMarks[r] = generation;
      if (!regex[2]) continue;
      const list = listsOf(r)[0]!;
      const at = regex[1];
      for (let j = 0; j < at.length; j++) list.items[list.size++] = tokens[i]!.start + at[j]!;
    }
  }
  for (const trigger of set.regexTextTriggers) {
    const r = trigger[1];
    if (regexMarks[r] !== generation && text.includes(trigger[0])) regexMarks[r] = generation;
  }
  for (const r of set.regexAlways) regexMarks[r] = generation;
  for (let i = 0; i < tokens.length; i++) {
    const { starts, rests } = joined[i]!;
    let o = 0;
    next: for (let k = 0; k < starts.length; k++) {
      const end = o + 1 + rests[o]!;
      for (o++; o < end; o++) {
        if (marks[rests[o]!] !== generation) {
          o = end;
          continue next;
        }
      }
      const p = starts[k]!;
      const last = matchFrom(joined, tokens, p, i);
      if (last < 0) continue;
      const list = listsOf(p.rule)[p.group]!;
      // the same phrase found again at the same place (two alternatives of one word) counts once
      const n = list.size;
      if (n === 0 || list.items[n - 2] !== i || list.items[n - 1] !== last) {
        list.items[n] = i;
        list.items[n + 1] = last;
        list.size = n + 2;
      }
    }
  }

  const hits: RuleHit[] = [];
  const span = (from: number, to: number): [number, number] => [tokens[from]!.start, tokens[to]!.end];
  for (let u = 0; u < scratch.usedCount; u++) {
    const rule = scratch.used[u]!;
    const compiled = set.rules[rule]!;
    if (compiled.regex) continue; // its places, not occurrences
    const groups = scratch.lists[rule]!;
    if (compiled.groups === 1) {
      const { items, size } = groups[0]!;
      const spans: [number, number][] = [];
      for (let k = 0; k < size; k += 2) spans.push(span(items[k]!, items[k + 1]!));
      hits.push({ rule, spans });
      continue;
    }
    if (groups.some((g) => g.size === 0)) continue;
    const spans: [number, number][] = [];
    const anchors = groups[0]!;
    for (let a = 0; a < anchors.size; a += 2) {
      const aFrom = anchors.items[a]!;
      const aTo = anchors.items[a + 1]!;
      // one quote from the first to the last word that made the rule fire: the first place of each other group
      // near the anchor
      let from = aFrom;
      let to = aTo;
      let g = 1;
      for (; g < groups.length; g++) {
        const { items, size } = groups[g]!;
        let k = 0;
        while (k < size && Math.abs(items[k]! - aFrom) > compiled.window && Math.abs(items[k + 1]! - aTo) > compiled.window) k += 2;
        if (k >= size) break;
        from = Math.min(from, items[k]!);
        to = Math.max(to, items[k + 1]!);
      }
      if (g === groups.length) spans.push(span(from, to));
    }
    if (spans.length > 0) hits.push({ rule, spans });
  }

  for (const rule of set.regexRules) {
    // a regex runs when a word of the message holds one of its triggers, or when it has none that could be read
    if (regexMarks[rule] !== generation) continue;
    const compiled = set.rules[rule]!;
    // nor when the text lacks every literal that each of its matches would hold
    if (compiled.required && requiredMarks[rule] !== generation) continue;
    const spans: [number, number][] = [];
    const sticky = compiled.sticky;
    if (sticky) {
      // every match starts where a trigger stands: try only there, left to right, without overlaps
      // (a sticky regex that matches leaves lastIndex at the end of the match: no match array is needed)
      let from = 0;
      const places = ruleMarks[rule] === generation ? scratch.lists[rule]![0]! : NO_PLACES;
      for (let k = 0; k < places.size; k++) {
        const at = places.items[k]!;
        if (at < from) continue;
        sticky.lastIndex = at;
        if (!sticky.test(text) || sticky.lastIndex === at) continue;
        spans.push([at, sticky.lastIndex]);
        from = sticky.lastIndex;
        if (spans.length >= 20) break;
      }
    } else {
      onScan?.(rule);
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
