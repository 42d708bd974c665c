/**
 * Text normalisation for matching. Runs once per message; every pattern is written against its output.
 *
 * The output keeps, for each UTF-16 unit, the span of the original text it came from, so evidence found in the
 * normalised text is quoted from the original with exact offsets.
 *
 * Steps, in order:
 * 1. per code point: drop zero-width and format characters, turn control characters and emoji into spaces, NFKC;
 * 2. per word: look-alike letters of the minority script (Latin/Cyrillic/Greek) become the majority script's letters;
 *    digits and symbols standing for letters (`c1ose`, `d1spute`, `pay$al`) and a capital `I` inside a lowercase word
 *    (`PayPaI`) are resolved, choosing among readings with the lexicon of pattern words;
 * 3. lower case, diacritics removed (`é` -> `e`, `ł` -> `l`, `ß` -> `ss`);
 * 4. words split by a character (`p a y p a l`, `c-a-n-c-e-l`) are joined, and two parts split by punctuation
 *    when they form a pattern word (`pay.pal`);
 * 5. runs of spaces become one space.
 */

/** A normalised text with a map back to the original. */
export interface Normalized {
  /** The normalised text. */
  readonly text: string;
  /** For each unit of `text`, the index in the original where its source starts. */
  readonly start: Int32Array;
  /** For each unit of `text`, the index in the original where its source ends (exclusive). */
  readonly end: Int32Array;
}

/** Words the patterns use, so ambiguous spellings are resolved towards a known word. */
export type Lexicon = ReadonlySet<string>;

interface Unit {
  ch: string;
  s: number;
  e: number;
}

const ZERO_WIDTH = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]/u;
const CONTROL = /\p{Cc}/u;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u20e3\ufe0e\ufe0f\u{1f1e6}-\u{1f1ff}]/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;


/**
 * Character classes, with an ASCII fast path and caches for the rest (this runs for every character): a table for
 * the BMP (the class bits, with KNOWN set once looked up) and a map for characters beyond it.
 */
const bmpClasses = new Uint8Array(0x10000);
const KNOWN = 128;
const classCache = new Map<string, number>();
export const C_LETTER = 1;
export const C_MARK = 2;
const C_SPACE = 4;
const C_LATIN = 8;
const C_CYRILLIC = 16;
const C_GREEK = 32;
export const C_NUMBER = 64;

/** Character class bits of one character (a code point). */
export function classOf(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80 && ch.length === 1) {
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return C_LETTER | C_LATIN;
    if (code >= 48 && code <= 57) return C_NUMBER;
    return code === 32 || (code >= 9 && code <= 13) ? C_SPACE : 0;
  }
  if (ch.length === 1) {
    const known = bmpClasses[code]!;
    if (known !== 0) return known & ~KNOWN;
    const c = computeClass(ch);
    bmpClasses[code] = c | KNOWN;
    return c;
  }
  let c = classCache.get(ch);
  if (c === undefined) {
    c = computeClass(ch);
    if (classCache.size < 10_000) classCache.set(ch, c);
  }
  return c;
}

function computeClass(ch: string): number {
  return (LETTER.test(ch) ? C_LETTER : 0) | (MARK.test(ch) ? C_MARK : 0) | (/\s/u.test(ch) ? C_SPACE : 0) |
    (/\p{N}/u.test(ch) ? C_NUMBER : 0) |
    (LATIN.test(ch) ? C_LATIN : 0) | (CYRILLIC.test(ch) ? C_CYRILLIC : 0) | (GREEK.test(ch) ? C_GREEK : 0);
}

const isLetter = (ch: string) => (classOf(ch) & C_LETTER) !== 0;
const isMark = (ch: string) => (classOf(ch) & C_MARK) !== 0;
const isSpace = (ch: string) => (classOf(ch) & C_SPACE) !== 0;

/** Cyrillic and Greek letters that look like Latin ones, both cases. */
const TO_LATIN: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j',
  ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C',
  Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S', α: 'a', ο: 'o', ρ: 'p', ν: 'v', τ: 't', ι: 'i', κ: 'k', υ: 'u',
  Α: 'A', Β: 'B', Ε: 'E', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X', Υ: 'Y', Ζ: 'Z',
};

/** Latin letters that look like Cyrillic ones, both cases. */
const TO_CYRILLIC: Record<string, string> = {
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в', i: 'і',
  A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У',
  // digits and symbols read as Cyrillic letters inside a Cyrillic word
  '3': 'з', '0': 'о', '6': 'б', '4': 'ч', '@': 'а',
};

/** Digits and symbols that stand for Latin letters inside a word; the first reading is the default. */
const LEET: Record<string, readonly string[]> = {
  '0': ['o'], '1': ['i', 'l'], '3': ['e'], '4': ['a'], '5': ['s'], '7': ['t'], '8': ['b'], '9': ['g'],
  '@': ['a'], $: ['s'], '|': ['l', 'i'], '!': ['i', 'l'], '€': ['e'],
};

const FOLD: Record<string, string> = { ß: 'ss', ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ё: 'е', й: 'и' };

/** Characters that sellers put between the letters of a word to hide it. */
const SPLITTERS = new Set([' ', '.', '-', '_', '*', '·', '•', '/', '\\', '+', '~', ',']);

/** Maximum number of ambiguous characters resolved in one word (readings grow as 2^n). */
const MAX_AMBIGUOUS = 6;

function isWordChar(ch: string): boolean {
  return (classOf(ch) & (C_LETTER | C_MARK)) !== 0 || (ch >= '0' && ch <= '9') || ch in LEET;
}

/** What step 1 makes of each non-ASCII character: '' (dropped), ' ', or its NFKC form. */
const nfCache = new Map<string, string>();

/** Step 1 for one non-ASCII code point. */
function nfcOf(raw: string, cp: number): string {
  let nf = nfCache.get(raw);
  if (nf === undefined) {
    if (ZERO_WIDTH.test(raw)) nf = '';
    else if (CONTROL.test(raw) || EMOJI.test(raw) || (cp >= 0xd800 && cp <= 0xdfff)) nf = ' ';
    else nf = raw.normalize('NFKC');
    if (nfCache.size < 20_000) nfCache.set(raw, nf);
  }
  return nf;
}

/** Step 1: per code point. */
function codePoints(input: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < input.length) {
    const cp = input.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    const s = i;
    if (cp < 0x80) {
      // ASCII: NFKC leaves it as it is; control characters become spaces
      out.push({ ch: cp < 32 || cp === 127 ? ' ' : input[i]!, s, e: i + 1 });
      i++;
      continue;
    }
    const raw = input.slice(i, i + len);
    i += len;
    for (const ch of nfcOf(raw, cp)) out.push({ ch, s, e: i });
  }
  return out;
}

function scriptOf(ch: string): 'latin' | 'cyrillic' | 'greek' | 'other' {
  const c = classOf(ch);
  if (c & C_LATIN) return 'latin';
  if (c & C_CYRILLIC) return 'cyrillic';
  if (c & C_GREEK) return 'greek';
  return 'other';
}

/** Symbols read as letters only when the lexicon confirms the word (so e-mail addresses and prices stay). */
const SYMBOLS = new Set(['@', '$', '|', '!', '€']);

/** Readings of a word with ambiguous characters; the lexicon picks one, else the default. */
function resolveAmbiguous(word: Unit[], lexicon: Lexicon | undefined): void {
  const letterAt = (k: number) => k >= 0 && k < word.length && isLetter(word[k]!.ch);
  const digitFor = (k: number) => k >= 0 && k < word.length && /^[0-9]$/.test(word[k]!.ch) && word[k]!.ch in LEET;
  let letters = 0;
  let digits = 0;
  for (const u of word) {
    if (isLetter(u.ch)) letters++;
    else if (u.ch >= '0' && u.ch <= '9') digits++;
  }
  if (letters < 2 || digits > letters) return; // a number, a price or a tracking code, not a disguised word
  const positions: number[] = [];
  const options: string[][] = [];
  for (let k = 0; k < word.length; k++) {
    const ch = word[k]!.ch;
    if (ch === 'I' && k > 0 && /\p{Ll}/u.test(word[k - 1]!.ch)) {
      positions.push(k);
      options.push(['i', 'l']);
    } else if (SYMBOLS.has(ch)) {
      // between letters, or next to a digit that stands for one ("d1$puta"); the lexicon still has to confirm
      if ((letterAt(k - 1) || digitFor(k - 1)) && (letterAt(k + 1) || digitFor(k + 1)) && (letterAt(k - 1) || letterAt(k + 1))) {
        positions.push(k);
        options.push([ch, ...(LEET[ch] ?? [])]);
      }
    } else if (ch in LEET && (letterAt(k - 1) || letterAt(k + 1))) {
      positions.push(k);
      options.push([...(LEET[ch] ?? [])]);
    }
  }
  if (positions.length === 0) return;
  const chosen = options.map((o) => o[0]!);
  if (lexicon && positions.length <= MAX_AMBIGUOUS) {
    const total = options.reduce((n, o) => n * o.length, 1);
    for (let combo = 0; combo < total; combo++) {
      let rest = combo;
      const pick = options.map((o) => {
        const v = o[rest % o.length]!;
        rest = Math.floor(rest / o.length);
        return v;
      });
      let candidate = '';
      for (let k = 0, at = 0; k < word.length; k++) {
        if (positions[at] === k) candidate += pick[at++]!;
        else candidate += word[k]!.ch;
      }
      if (lexicon.has(foldWord(candidate))) {
        pick.forEach((v, n) => (chosen[n] = v));
        break;
      }
    }
  }
  positions.forEach((k, n) => (word[k]!.ch = chosen[n]!));
}

/** Step 2 for one word: scripts, then digits and symbols. */
function fixWord(word: Unit[], lexicon: Lexicon | undefined): void {
  const counts = { latin: 0, cyrillic: 0, greek: 0, other: 0 };
  for (const u of word) counts[scriptOf(u.ch)]++;
  const mixed = (counts.latin > 0 ? 1 : 0) + (counts.cyrillic > 0 ? 1 : 0) + (counts.greek > 0 ? 1 : 0) > 1;
  if (mixed || counts.cyrillic > 0) {
    // the script every letter can be written in wins; otherwise the majority
    const letters = word.filter((u) => isLetter(u.ch));
    const canLatin = letters.every((u) => scriptOf(u.ch) === 'latin' || u.ch in TO_LATIN);
    const canCyrillic = letters.every((u) => scriptOf(u.ch) === 'cyrillic' || u.ch in TO_CYRILLIC);
    const majority = counts.cyrillic > counts.latin + counts.greek ? 'cyrillic' : 'latin';
    const target = canLatin && !canCyrillic ? 'latin' : canCyrillic && !canLatin ? 'cyrillic' : majority;
    for (let k = 0; k < word.length; k++) {
      const u = word[k]!;
      if (target === 'cyrillic') {
        const c = scriptOf(u.ch) !== 'cyrillic' ? TO_CYRILLIC[u.ch] : undefined;
        const inner = isLetter(word[k - 1]?.ch ?? '') && isLetter(word[k + 1]?.ch ?? '');
        if (c && (isLetter(u.ch) || inner)) u.ch = c;
      } else if (scriptOf(u.ch) !== 'latin') {
        const l = TO_LATIN[u.ch];
        if (l) u.ch = l;
      }
    }
    if (target === 'cyrillic') return;
  }
  resolveAmbiguous(word, lexicon);
}

/** Lower case and diacritics removed, for one already-NFKC word (used for the lexicon too). */
export function foldWord(word: string): string {
  let out = '';
  for (const ch of word.toLowerCase()) out += foldChar(ch);
  return out;
}

function foldChar(ch: string): string {
  const f = FOLD[ch];
  if (f !== undefined) return f;
  if (ch.charCodeAt(0) < 0x80) return ch;
  const d = ch.normalize('NFD');
  let out = '';
  for (const c of d) if (!isMark(c)) out += c;
  return out;
}

/** Step 3: lower case and fold each unit; expansions keep the source span. */
function fold(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    const code = u.ch.charCodeAt(0);
    if (u.ch.length === 1 && code < 0x80) {
      // ASCII: lower case in place
      if (code >= 65 && code <= 90) u.ch = String.fromCharCode(code + 32);
      out.push(u);
      continue;
    }
    let folded = '';
    for (const ch of u.ch.toLowerCase()) folded += foldChar(ch);
    if (folded.length === 1) {
      u.ch = folded;
      out.push(u);
    } else for (const c of folded) out.push({ ch: c, s: u.s, e: u.e });
  }
  return out;
}

interface Chunk {
  from: number;
  to: number; // exclusive
}

function wordChunks(units: Unit[]): Chunk[] {
  const chunks: Chunk[] = [];
  let k = 0;
  while (k < units.length) {
    if (!isLetter(units[k]!.ch)) {
      k++;
      continue;
    }
    const from = k;
    while (k < units.length && (isLetter(units[k]!.ch) || isMark(units[k]!.ch))) k++;
    chunks.push({ from, to: k });
  }
  return chunks;
}

/** Step 4: join words split by one character between letters. Returns the indices of units to drop. */
function isLowerAt(text: string, at: number): boolean {
  const ch = String.fromCodePoint(text.codePointAt(at) ?? 32);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function joinSplitWords(units: Unit[], lexicon: Lexicon | undefined, original?: string): Set<number> {
  const drop = new Set<number>();
  const chunks = wordChunks(units);
  const text = (c: Chunk) => units.slice(c.from, c.to).map((u) => u.ch).join('');
  const gapOk = (a: Chunk, b: Chunk) => b.from - a.to === 1 && SPLITTERS.has(units[a.to]!.ch);
  let i = 0;
  while (i < chunks.length) {
    // single letters separated by one splitter: "p a y p a l", "c-a-n-c-e-l"
    const single = (c: Chunk) => c.to - c.from === 1;
    let j = i;
    while (j + 1 < chunks.length && single(chunks[j]!) && single(chunks[j + 1]!) && gapOk(chunks[j]!, chunks[j + 1]!)) j++;
    // a lower-case one-letter word before a spaced-out capital word is a word of its own ("o Z A M K N I J")
    if (j > i && original && isLowerAt(original, units[chunks[i]!.from]!.s) && !isLowerAt(original, units[chunks[i + 1]!.from]!.s)) {
      i++;
      continue;
    }
    const run = j - i + 1;
    if (run >= 4 || (run >= 3 && units[chunks[i]!.to]!.ch !== ' ')) {
      for (let k = i; k < j; k++) drop.add(chunks[k]!.to);
      i = j + 1;
      continue;
    }
    // two parts joined by punctuation (not a space) that form a known word: "pay.pal", "dis-pute"
    if (lexicon && i + 1 < chunks.length && gapOk(chunks[i]!, chunks[i + 1]!) && units[chunks[i]!.to]!.ch !== ' ') {
      const joined = text(chunks[i]!) + text(chunks[i + 1]!);
      // not when both parts are words of their own ("envie-me", "e-mail" stay as written)
      if (lexicon.has(joined) && !(lexicon.has(text(chunks[i]!)) && lexicon.has(text(chunks[i + 1]!)))) {
        drop.add(chunks[i]!.to);
        i += 2;
        continue;
      }
    }
    i++;
  }
  return drop;
}

/**
 * Normalises `input` for matching.
 * @param lexicon words the patterns use (already folded), used to resolve ambiguous spellings
 */
export function normalize(input: string, lexicon?: Lexicon): Normalized {
  const fast = normalizeWords(input, lexicon);
  // words split by one character are rare: only then does the full pass run
  return mayJoin(fast.text, lexicon) ? normalizeFull(input, lexicon) : fast;
}

/**
 * The reference implementation, one step after the other over every character. {@link normalize} gives the same
 * result faster (a test checks it).
 */
export function normalizeFull(input: string, lexicon?: Lexicon): Normalized {
  const units = codePoints(input);
  // step 2, per word of the raw units
  let k = 0;
  while (k < units.length) {
    if (!isWordChar(units[k]!.ch)) {
      k++;
      continue;
    }
    const from = k;
    let plain = true; // only ASCII letters, no capital I after a small letter
    while (k < units.length && isWordChar(units[k]!.ch)) {
      const c = units[k]!.ch.charCodeAt(0);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) || (c === 73 && k > from)) plain = false;
      k++;
    }
    if (!plain) fixWord(units.slice(from, k), lexicon);
  }
  const folded = fold(units);
  const drop = joinSplitWords(folded, lexicon, input);
  // step 5 and output
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < folded.length; i++) {
    if (drop.has(i)) continue;
    const u = folded[i]!;
    const space = isSpace(u.ch);
    if (space && lastSpace) continue;
    const ch = space ? ' ' : u.ch;
    text += ch;
    // one entry per UTF-16 unit (a character outside the BMP takes two)
    for (let k = 0; k < ch.length; k++) {
      start.push(u.s);
      end.push(u.e);
    }
    lastSpace = space;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    start.pop();
    end.pop();
  }
  return { text, start: Int32Array.from(start), end: Int32Array.from(end) };
}

/** Maps a span `[from, to)` of the normalised text back to the original text's offsets. */
export function toOriginal(n: Normalized, from: number, to: number): { start: number; end: number } {
  if (to <= from || from >= n.text.length) return { start: 0, end: 0 };
  return { start: n.start[from]!, end: n.end[Math.min(to, n.text.length) - 1]! };
}

/**
 * Whether step 4 might join something in a text that went through the other steps (a superset of what it joins):
 * four one-letter words split by one character each, three when the first split is not a space, or two words split
 * by punctuation that form a lexicon word when joined. A text without any comes out of step 4 unchanged.
 */
function mayJoin(text: string, lexicon: Lexicon | undefined): boolean {
  // chunks as in step 4: a letter, then letters and marks (counted in code points, as step 4 counts units)
  let prevFrom = -1; // the chunk before the current one
  let prevTo = -1;
  let prevSingle = false;
  let run = 0; // one-letter chunks in a row, split by one splitter each
  let runFirstGap = ''; // the splitter after the first chunk of the run
  let from = -1; // start of the chunk being read
  let points = 0; // its code points
  const n = text.length;
  for (let i = 0; i <= n; ) {
    // the class of the code point at i (none past the end), and its length in UTF-16 units
    let cls = 0;
    let units = 1;
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x80) cls = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? C_LETTER : 0;
      else {
        const d = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
        units = d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
        cls = classOf(units === 1 ? text[i]! : text.slice(i, i + 2));
      }
    }
    if (from >= 0 && (cls & (C_LETTER | C_MARK)) !== 0) {
      points++;
      i += units;
      continue;
    }
    if (from >= 0) {
      // a chunk ends at i
      const single = points === 1;
      const gap = prevTo >= 0 && from - prevTo === 1 && SPLITTERS.has(text[prevTo]!) ? text[prevTo]! : '';
      if (single && gap !== '' && prevSingle) {
        if (run === 0) {
          run = 2;
          runFirstGap = gap;
        } else run++;
        if (run >= 4 || (run >= 3 && runFirstGap !== ' ')) return true;
      } else run = 0;
      if (lexicon && gap !== '' && gap !== ' ') {
        const before = text.slice(prevFrom, prevTo);
        const after = text.slice(from, i);
        if (lexicon.has(before + after) && !(lexicon.has(before) && lexicon.has(after))) return true;
      }
      prevFrom = from;
      prevTo = i;
      prevSingle = single;
      from = -1;
    }
    if (i >= n) break;
    if ((cls & C_LETTER) !== 0) {
      from = i;
      points = 1;
    }
    i += units;
  }
  return false;
}

/** ASCII characters: 1 a word character (letter, digit, or a symbol that may stand for a letter), 0 otherwise. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isWordChar(String.fromCharCode(c))) ASCII_WORD[c] = 1;

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * What steps 1, 2, 3 and 5 make of a segment (a run of characters without an ASCII separator), given whether the
 * output ended in a space before it: the text, and each unit's source span relative to the segment's start.
 */
interface Segment {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Whether the output ends in a space after the segment (unchanged when the segment adds nothing). */
  readonly lastSpace: boolean;
}

/**
 * Segments already normalised, per lexicon (the same few thousand words recur), one map for segments after a space
 * and one for the others; bounded.
 */
const segmentCaches = new WeakMap<Lexicon, readonly [Map<string, Segment>, Map<string, Segment>]>();
const noLexiconSegments = [new Map<string, Segment>(), new Map<string, Segment>()] as const;
const SEGMENT_CACHE_LIMIT = 50_000;

/** Steps 1, 2, 3 and 5 for one segment, unit by unit (as {@link normalizeFull} does them). */
function computeSegment(seg: string, lastSpace: boolean, lexicon: Lexicon | undefined): Segment {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let word: Unit[] = [];
  const emit = (ch: string, s: number, e: number) => {
    if (isSpace(ch)) {
      if (lastSpace) return;
      text += ' ';
      start.push(s);
      end.push(e);
      lastSpace = true;
      return;
    }
    text += ch;
    for (let k = 0; k < ch.length; k++) {
      start.push(s);
      end.push(e);
    }
    lastSpace = false;
  };
  const flush = () => {
    if (word.length === 0) return;
    const plain = word.every((u, k) => isAsciiLetter(u.ch.charCodeAt(0)) && (k === 0 || u.ch !== 'I'));
    if (!plain) fixWord(word, lexicon);
    for (const u of fold(word)) emit(u.ch, u.s, u.e);
    word = [];
  };
  let i = 0;
  while (i < seg.length) {
    const cp = seg.codePointAt(i)!;
    if (cp < 0x80) {
      // inside a segment every ASCII character is a word character
      word.push({ ch: seg[i]!, s: i, e: i + 1 });
      i++;
      continue;
    }
    const len = cp > 0xffff ? 2 : 1;
    const s = i;
    i += len;
    for (const ch of nfcOf(seg.slice(s, i), cp)) {
      if (isWordChar(ch)) word.push({ ch, s, e: i });
      else {
        flush();
        let folded = '';
        for (const c of ch.toLowerCase()) folded += foldChar(c);
        for (const c of folded) emit(c, s, i);
      }
    }
  }
  flush();
  return { text, start: Int32Array.from(start), end: Int32Array.from(end), lastSpace };
}

function segmentOf(seg: string, lastSpace: boolean, lexicon: Lexicon | undefined): Segment {
  let caches = lexicon ? segmentCaches.get(lexicon) : noLexiconSegments;
  if (!caches) segmentCaches.set(lexicon!, (caches = [new Map(), new Map()]));
  const cache = caches[lastSpace ? 1 : 0];
  let out = cache.get(seg);
  if (!out) {
    out = computeSegment(seg, lastSpace, lexicon);
    if (cache.size >= SEGMENT_CACHE_LIMIT) cache.clear();
    cache.set(seg, out);
  }
  return out;
}

/**
 * Steps 1, 2, 3 and 5, segment by segment, with segments remembered: the same result as {@link normalizeFull} for
 * every text step 4 leaves unchanged.
 */
function normalizeWords(input: string, lexicon: Lexicon | undefined): Normalized {
  const n = input.length;
  let cap = n + 16;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let len = 0;
  let text = '';
  let lastSpace = true;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c < 0x80 && ASCII_WORD[c] === 0) {
      // an ASCII separator: control characters and spaces become one space
      if (c <= 32 || c === 127) {
        if (!lastSpace) {
          text += ' ';
          start[len] = i;
          end[len++] = i + 1;
          lastSpace = true;
        }
      } else {
        text += input[i];
        start[len] = i;
        end[len++] = i + 1;
        lastSpace = false;
      }
      i++;
      continue;
    }
    // a segment: up to the next ASCII separator
    let j = i + 1;
    let plain = c < 0x80 && isAsciiLetter(c);
    while (j < n) {
      const d = input.charCodeAt(j);
      if (d < 0x80) {
        if (ASCII_WORD[d] === 0) break;
        if (plain && (!isAsciiLetter(d) || d === 73)) plain = false;
      } else plain = false;
      j++;
    }
    if (plain) {
      // ASCII letters only: lower case, one unit for one unit
      text += input.slice(i, j).toLowerCase();
      for (let k = i; k < j; k++) {
        start[len] = k;
        end[len++] = k + 1;
      }
      lastSpace = false;
    } else {
      const seg = segmentOf(input.slice(i, j), lastSpace, lexicon);
      // room for this segment and for the rest of the input at one unit per character
      if (len + seg.text.length + (n - j) > cap) {
        cap = 2 * (len + seg.text.length) + (n - j) + 16;
        const s2 = new Int32Array(cap);
        s2.set(start.subarray(0, len));
        start = s2;
        const e2 = new Int32Array(cap);
        e2.set(end.subarray(0, len));
        end = e2;
      }
      text += seg.text;
      for (let k = 0; k < seg.text.length; k++) {
        start[len] = i + seg.start[k]!;
        end[len++] = i + seg.end[k]!;
      }
      if (seg.text.length > 0) lastSpace = seg.lastSpace;
    }
    i = j;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    len--;
  }
  return { text, start: start.subarray(0, len), end: end.subarray(0, len) };
}
