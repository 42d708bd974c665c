/**
 * Reading regex sources: the shapes that backtrack catastrophically, and the triggers of a regex rule.
 *
 * Triggers are pieces of text one of which every match contains. A message that holds none of them
 * cannot match, so the regex does not run on it. They are read from the expression conservatively: whatever the
 * reader does not understand makes the rule run on every message, and a test checks the reading against every
 * rule's examples and the corpus.
 */

/** A piece of text every match of a regex alternative contains. */
export interface Trigger {
  /** The text. Letters and digits only, unless `inText`. */
  readonly text: string;
  /** The regex puts a word boundary (`\b`) right before it: a word starts with it (see {@link triggerPlaces}). */
  readonly atWordStart: boolean;
  /** Holds characters that are not letters or digits: look for it in the text, not in a word. */
  readonly inText: boolean;
  /** Every match that contains it starts with it: the regex need only be tried where it stands. */
  readonly atMatchStart: boolean;
  /**
   * In every match a space or an ASCII punctuation mark follows it: with `atWordStart`, it is a whole word. Absent
   * when that is not known.
   */
  readonly wholeWord?: boolean;
}

const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const DIGITS = '0123456789';

/**
 * The positions of a regex source's syntax characters: those neither escaped nor inside a character class (the
 * `[` that opens a class is one; what it holds is not).
 */
function syntax(src: string): number[] {
  const out: number[] = [];
  let inClass = false;
  for (let k = 0; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    out.push(k);
  }
  return out;
}

/** Index after the group that opens at `i`, or -1. */
function closing(src: string, i: number): number {
  let depth = 0;
  for (const k of syntax(src)) {
    if (k < i) continue;
    if (src[k] === '(') depth++;
    else if (src[k] === ')' && --depth === 0) return k + 1;
  }
  return -1;
}

/** Splits an expression at its top-level `|`. */
export function alternatives(src: string): string[] {
  const out: string[] = [];
  let from = 0;
  let depth = 0;
  for (const k of syntax(src)) {
    const c = src[k];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(from, k));
      from = k + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/** Rejects regex shapes that can backtrack catastrophically: a quantified group that holds a quantifier. */
export function unsafeRegexReason(source: string): string | undefined {
  const stack: { quantified: boolean; alternation: boolean }[] = [];
  for (const i of syntax(source)) {
    const c = source[i];
    if (c === '(') stack.push({ quantified: false, alternation: false });
    else if (c === '|' && stack.length > 0) stack[stack.length - 1]!.alternation = true;
    else if (c === ')') {
      const group = stack.pop();
      const next = source[i + 1];
      const repeated = next === '*' || next === '+' || next === '{';
      if (group && repeated) {
        if (group.quantified) return 'nested quantifier (a quantified group contains a quantifier)';
        if (group.alternation) return 'quantified alternation (use a character class or one alternative)';
      }
      if (group?.quantified && stack.length > 0) stack[stack.length - 1]!.quantified = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length > 0) {
      stack[stack.length - 1]!.quantified = true;
    }
  }
  return undefined;
}

/** One element of a sequence: what it consumes, and where the next one starts. */
type Item =
  | { kind: 'zero'; next: number } // an assertion: consumes nothing
  | { kind: 'boundary'; next: number } // \b
  | { kind: 'char'; ch: string; next: number }
  | { kind: 'digits'; digits: string; next: number } // \d or a class of digits only
  | { kind: 'group'; body: string; next: number }
  | { kind: 'other'; next: number }; // a class, `.`, an escape class: some character

function readItem(src: string, i: number): Item | undefined {
  const c = src[i]!;
  if (c === '^' || c === '$') return { kind: 'zero', next: i + 1 };
  if (c === '\\') {
    const e = src[i + 1];
    if (e === undefined) return undefined;
    if (e === 'b' || e === 'B') return { kind: e === 'b' ? 'boundary' : 'zero', next: i + 2 };
    if (e === 'd') return { kind: 'digits', digits: DIGITS, next: i + 2 };
    if (e === 'p' || e === 'P') {
      const end = src.indexOf('}', i);
      return end < 0 ? undefined : { kind: 'other', next: end + 1 };
    }
    if (/[wWsSDnrtfv0-9ux]/.test(e)) return /[ux0-9]/.test(e) ? undefined : { kind: 'other', next: i + 2 };
    // a back-reference (\k<name>), a control character (\cJ): not read
    if (e === 'k' || e === 'c') return undefined;
    // any other escaped character stands for itself only when it is not a letter or digit (\. \- \/)
    if (/[\p{L}\p{N}]/u.test(e)) return undefined;
    return { kind: 'char', ch: e, next: i + 2 };
  }
  if (c === '[') {
    let k = i + 1;
    if (src[k] === ']') return undefined;
    for (; k < src.length && src[k] !== ']'; k++) if (src[k] === '\\') k++;
    if (k >= src.length) return undefined;
    const body = src.slice(i + 1, k);
    // a class of digits only ([0-9], [1-5])
    const range = /^(\d)-(\d)$/.exec(body);
    if (range) return { kind: 'digits', digits: DIGITS.slice(Number(range[1]), Number(range[2]) + 1), next: k + 1 };
    if (/^\d+$/.test(body)) return { kind: 'digits', digits: body, next: k + 1 };
    return { kind: 'other', next: k + 1 };
  }
  if (c === '(') {
    const end = closing(src, i);
    if (end < 0) return undefined;
    if (src.startsWith('(?<!', i) || src.startsWith('(?<=', i) || src.startsWith('(?!', i) || src.startsWith('(?=', i)) {
      return { kind: 'zero', next: end };
    }
    const bodyStart = src.startsWith('(?:', i) ? i + 3 : src.startsWith('(?<', i) ? src.indexOf('>', i) + 1 : src[i + 1] === '?' ? -1 : i + 1;
    if (bodyStart < 0) return undefined;
    return { kind: 'group', body: src.slice(bodyStart, end - 1), next: end };
  }
  if (c === '.') return { kind: 'other', next: i + 1 };
  if (META.has(c)) return undefined;
  return { kind: 'char', ch: c, next: i + 1 };
}

/** Reads the quantifier at `i`: whether the item may be absent, whether it may repeat, and where the next item is. */
function readQuantifier(src: string, i: number): { optional: boolean; repeats: boolean; next: number } | undefined {
  const c = src[i];
  let next = i + 1;
  let optional = false;
  let repeats = false;
  if (c === '?') optional = true;
  else if (c === '*') optional = repeats = true;
  else if (c === '+') repeats = true;
  else if (c === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(src.slice(i));
    if (!m) return undefined;
    optional = Number(m[1]) === 0;
    repeats = m[2] !== undefined || Number(m[1]) > 1;
    next = i + m[0].length;
  } else return { optional: false, repeats: false, next: i };
  if (src[next] === '?') next++; // lazy
  return { optional, repeats, next };
}

/** Triggers from a run of required literal characters. */
function fromRun(run: string, atWordStart: boolean, atMatchStart: boolean): Trigger[] | undefined {
  if (run === '') return undefined;
  // the first run of letters and digits; a run of symbols only is looked for in the text
  const words = run.split(/[^\p{L}\p{N}]+/u);
  const first = words[0]!;
  if (first !== '') {
    // the word ends where the run goes on with a character no word holds
    const wholeWord = first.length < run.length && /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(run[first.length]!);
    return [{ text: first, atWordStart, inText: false, atMatchStart, ...(wholeWord ? { wholeWord } : {}) }];
  }
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest !== '') return [{ text: longest, atWordStart: false, inText: false, atMatchStart: false }];
  return [{ text: run, atWordStart: false, inText: true, atMatchStart: false }];
}

/**
 * Triggers of one alternative (a sequence), or undefined when none can be read. `boundaryBefore`: a `\b` stands
 * right before the sequence; `startBefore`: nothing is consumed before it in a match. Triggers of one or two
 * characters (a digit, "de") stand in most messages: unless the match starts with them (then the regex is only
 * tried where they stand), a literal of three letters or more further on, which every match holds as well, is used
 * instead.
 */
function triggersOfSequence(src: string, boundaryBefore: boolean, startBefore: boolean): Trigger[] | undefined {
  const first = firstTriggers(src, boundaryBefore, startBefore);
  if (first && (first.every((t) => t.text.length > 2) || first.every((t) => t.atMatchStart && !t.inText))) return first;
  const later = longestLiteral(src);
  return later.length >= 3 ? [{ text: later, atWordStart: false, inText: false, atMatchStart: false }] : first;
}

/**
 * Walks what every match of a sequence holds, at its top level: each run of letters and digits among its literal
 * characters (`literal`), and the body of each group it cannot skip (`group`).
 */
function walkMandatory(src: string, literal: (part: string) => void, group: (body: string) => void = () => {}): void {
  let run = '';
  const end = () => {
    for (const part of run.split(/[^\p{L}\p{N}]+/u)) if (part !== '') literal(part);
    run = '';
  };
  let i = 0;
  while (i < src.length) {
    const item = readItem(src, i);
    if (!item) break;
    const q = readQuantifier(src, item.next);
    if (!q) break;
    i = q.next;
    if (item.kind === 'zero' || item.kind === 'boundary') continue;
    if (item.kind === 'char' && !q.optional) {
      run += item.ch;
      if (q.repeats) end();
      continue;
    }
    end();
    if (item.kind === 'group' && !q.optional) group(item.body);
  }
  end();
}

/** The longest run of letters and digits that every match of the sequence holds, read at its top level. */
function longestLiteral(src: string): string {
  let best = '';
  walkMandatory(src, (part) => {
    if (part.length > best.length) best = part;
  });
  return best;
}

/** Triggers read from the first items of a sequence (see {@link triggersOfSequence}). */
function firstTriggers(src: string, boundaryBefore: boolean, startBefore: boolean): Trigger[] | undefined {
  let i = 0;
  let boundary = boundaryBefore; // a \b stands right before the next consuming item
  let atStart = startBefore; // nothing consumed yet
  let run = '';
  let runAtWordStart = false;
  let runAtMatchStart = false;
  while (i < src.length) {
    const item = readItem(src, i);
    if (!item) return run === '' ? undefined : fromRun(run, runAtWordStart, runAtMatchStart);
    const q = readQuantifier(src, item.next);
    if (!q) return undefined;
    i = q.next;
    if (item.kind === 'zero' || item.kind === 'boundary') {
      if (item.kind === 'boundary' && run === '') boundary = true;
      if (run !== '') return fromRun(run, runAtWordStart, runAtMatchStart);
      continue;
    }
    if (item.kind === 'char' && !q.optional) {
      if (run === '') {
        runAtWordStart = boundary;
        runAtMatchStart = atStart;
      }
      run += item.ch;
      if (q.repeats) return fromRun(run, runAtWordStart, runAtMatchStart);
      continue;
    }
    // an optional character after a run: the match goes on with it or with what follows ("at?tendez": "at" both ways)
    if (item.kind === 'char' && q.optional && !q.repeats && run !== '') {
      const next = i < src.length ? readItem(src, i) : undefined;
      const nextQ = next ? readQuantifier(src, next.next) : undefined;
      if (next?.kind === 'char' && nextQ && !nextQ.optional) {
        const both = [...(fromRun(run + item.ch, runAtWordStart, runAtMatchStart) ?? []), ...(fromRun(run + next.ch, runAtWordStart, runAtMatchStart) ?? [])];
        return both.filter((t, k) => both.findIndex((u) => u.text === t.text && u.wholeWord === t.wholeWord) === k);
      }
    }
    // any other item ends a run of literal characters: a run found so far is the trigger
    if (run !== '') return fromRun(run, runAtWordStart, runAtMatchStart);
    const atWordStart = boundary;
    const itemAtStart = atStart;
    boundary = false;
    atStart = false;
    if (q.optional) continue;
    if (item.kind === 'digits') {
      return [...item.digits].map((d) => ({ text: d, atWordStart, inText: false, atMatchStart: itemAtStart }));
    }
    if (item.kind === 'group') {
      const inner = triggersOf(item.body, atWordStart, itemAtStart);
      if (inner) return inner;
    }
    // a class or a group without triggers: look further along the sequence
  }
  return run === '' ? undefined : fromRun(run, runAtWordStart, runAtMatchStart);
}

function triggersOf(src: string, boundaryBefore: boolean, startBefore: boolean): Trigger[] | undefined {
  const out: Trigger[] = [];
  for (const alt of alternatives(src)) {
    const t = triggersOfSequence(alt, boundaryBefore, startBefore);
    if (!t) return undefined;
    out.push(...t);
  }
  return out;
}

/**
 * Literals of which every match holds at least one, or undefined when that cannot be read. A text that holds none
 * of them cannot match, whatever its triggers. Per top-level alternative it takes the best of what every match of
 * that alternative must hold: a run of two letters or digits or more at its top level, or any one of the
 * alternatives of a group it cannot skip (read the same way, in turn); best is the longest shortest literal, then
 * the fewest literals.
 */
export function requiredLiterals(source: string): string[] | undefined {
  return anyOf(source);
}

function anyOf(src: string): string[] | undefined {
  const out = new Set<string>();
  for (const alt of alternatives(src)) {
    const r = requirementOf(alt);
    if (!r) return undefined;
    for (const lit of r) out.add(lit);
  }
  return [...out];
}

const shortest = (lits: readonly string[]) => Math.min(...lits.map((l) => l.length));

function requirementOf(src: string): string[] | undefined {
  let best: string[] | undefined;
  const consider = (lits: string[] | undefined) => {
    if (!lits || lits.length === 0) return;
    if (!best || shortest(lits) > shortest(best) || (shortest(lits) === shortest(best) && lits.length < best.length)) best = lits;
  };
  walkMandatory(
    src,
    (part) => {
      if (part.length >= 2) consider([part]);
    },
    (body) => consider(anyOf(body)),
  );
  return best;
}

/** The triggers of a regex source, or undefined when the regex must run on every message. */
export function regexTriggers(source: string): Trigger[] | undefined {
  return triggersOf(source, false, true);
}

const ASCII_WORD = /^[a-z0-9]*$/;

/** Whether a word holds only ASCII letters and digits (where `\b` stands at its start, see {@link triggerPlaces}). */
export function isAsciiWord(word: string): boolean {
  return ASCII_WORD.test(word);
}

/**
 * Where in a word of the normalised text a match containing `t` can have it (`t` is not `inText`): nowhere, or the
 * offsets of `t` in the word. A `\b` before an ASCII letter or digit marks a word start (and, for a whole word, the
 * word is the trigger), unless the word holds letters `\b` does not count as word characters.
 */
export function triggerPlaces(word: string, t: Trigger): number[] {
  if (t.atWordStart && isAsciiWord(word)) return (t.wholeWord ? word === t.text : word.startsWith(t.text)) ? [0] : [];
  const out: number[] = [];
  for (let k = word.indexOf(t.text); k >= 0; k = word.indexOf(t.text, k + 1)) out.push(k);
  return out;
}
