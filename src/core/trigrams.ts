/**
 * franc's trigram ranking restricted to a few Latin-script languages, computed from franc's own data and script
 * expressions: the same tuples as `francAll(value, { only, minLength })`, several times faster, because it skips
 * the script census when Latin letters are the majority and looks each distinct trigram up once for all languages.
 * It does not load franc's entry module, which builds the trigram tables of every language at start-up. A test
 * compares both.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';

/** franc's constants. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** A ranker for some Latin-script languages (ISO 639-3 codes, as franc names them). */
export interface TrigramRanker {
  /** Language–score tuples, best first, as `francAll(value, { only, minLength })` returns them. */
  rank(value: string): [string, number][];
}

export function createTrigramRanker(only: readonly string[], minLength: number): TrigramRanker {
  const latin = data['Latin'] ?? {};
  // franc keeps the data's order for languages at the same distance (a stable sort)
  const langs = Object.keys(latin).filter((l) => only.includes(l));
  const ranks = new Map<string, Int16Array>();
  langs.forEach((lang, k) => {
    const model = latin[lang]!.split('|');
    model.forEach((trigram, rank) => {
      let row = ranks.get(trigram);
      if (!row) ranks.set(trigram, (row = new Int16Array(langs.length).fill(-1)));
      if (row[k] === -1) row[k] = rank; // franc keeps the first rank of a trigram listed twice
    });
  });
  const latinExpression = new RegExp(expressions['Latin']!.source, expressions['Latin']!.flags);
  const latinCounter = createLatinCounter(expressions['Latin']!.source);

  // trigrams as small integers: each UTF-16 unit gets an id below 1,024 when first seen (the data's units first),
  // and the trigram of units with ids a, b, c is a·2²⁰ + b·2¹⁰ + c; a text with a unit past the ids uses strings
  const unitIds = new Uint16Array(0x10000);
  let nextId = 1;
  const idOf = (unit: number): number => {
    const id = unitIds[unit]!;
    if (id !== 0 || nextId >= 1024) return id;
    unitIds[unit] = nextId;
    return nextId++;
  };
  const keyOf = (t: string): number => {
    const a = idOf(t.charCodeAt(0));
    const b = idOf(t.charCodeAt(1));
    const c = idOf(t.charCodeAt(2));
    return a === 0 || b === 0 || c === 0 || t.length !== 3 ? -1 : (a << 20) | (b << 10) | c;
  };
  const rowsByKey = new Map<number, Int16Array>();
  let keyed = true;
  for (const [trigram, row] of ranks) {
    const key = keyOf(trigram);
    if (key < 0) keyed = false;
    else rowsByKey.set(key, row);
  }
  // the distinct trigrams of one text and their counts, in an open-addressing table reused from call to call (a
  // slot is in use when its stamp is the call's); room for twice the most trigrams a text can have
  const SIZE = 1 << Math.ceil(Math.log2(2 * (MAX_LENGTH + 2)));
  const slotKeys = new Int32Array(SIZE);
  const slotCounts = new Int32Array(SIZE);
  const slotStamps = new Uint32Array(SIZE);
  const used = new Int32Array(SIZE); // the slots in use, in order of first use
  let stamp = 0;
  /** How many distinct trigrams the cleaned text has (listed in `used`); -1 when a unit has no id. */
  const countKeys = (clean: string): number => {
    if (!keyed) return -1;
    const n = clean.length;
    const ids = new Uint16Array(n);
    for (let i = 0; i < n; i++) if ((ids[i] = idOf(clean.charCodeAt(i))) === 0) return -1;
    if (++stamp === 0xffffffff) {
      slotStamps.fill(0);
      stamp = 1;
    }
    let distinct = 0;
    for (let i = 0; i + 3 <= n; i++) {
      const key = (ids[i]! << 20) | (ids[i + 1]! << 10) | ids[i + 2]!;
      let slot = Math.imul(key, 0x9e3779b1) >>> 0 & (SIZE - 1);
      while (slotStamps[slot] === stamp && slotKeys[slot] !== key) slot = (slot + 1) & (SIZE - 1);
      if (slotStamps[slot] === stamp) slotCounts[slot]!++;
      else {
        slotStamps[slot] = stamp;
        slotKeys[slot] = key;
        slotCounts[slot] = 1;
        used[distinct++] = slot;
      }
    }
    return distinct;
  };
  const scripts = Object.entries(expressions).map(([name, re]) => [name, new RegExp(re.source, re.flags)] as const);
  /** franc's top script: the first with the most characters, undefined when none has any. */
  const topScript = (value: string): string | undefined => {
    let top: string | undefined;
    let most = -1;
    for (const [name, re] of scripts) {
      const count = (value.match(re)?.length ?? 0) / value.length || 0;
      if (count > most) {
        most = count;
        top = name;
      }
    }
    return most === 0 ? undefined : top;
  };

  return {
    rank(input) {
      if (!input || input.length < minLength) return [['und', 1]];
      const value = input.slice(0, MAX_LENGTH);
      // Latin is franc's top script when it has more characters than all other scripts together
      const latinCount = latinCounter ? latinCounter(value) : (value.match(latinExpression)?.length ?? 0);
      // otherwise franc's census of every script decides; a top script other than Latin has none of these languages
      if (latinCount * 2 <= value.length && topScript(value) !== 'Latin') return [['und', 1]];
      // trigram-utils: punctuation, symbols and digits out, white space collapsed, lower case, padded
      // (a run of such characters and white space becomes one space, as the two replacements in turn do)
      const clean = ` ${value.replace(/[\u0021-\u0040\s]+/g, ' ').trim().toLowerCase()} `;
      const distances = new Float64Array(langs.length);
      const add = (row: Int16Array | undefined, count: number) => {
        for (let k = 0; k < langs.length; k++) {
          const rank = row ? row[k]! : -1;
          distances[k] = distances[k]! + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1));
        }
      };
      // distances are sums of integers: the order the trigrams come in does not matter
      const distinct = countKeys(clean);
      if (distinct >= 0) {
        for (let k = 0; k < distinct; k++) add(rowsByKey.get(slotKeys[used[k]!]!), slotCounts[used[k]!]!);
      } else {
        const counts = new Map<string, number>();
        for (let i = 0; i + 3 <= clean.length; i++) {
          const t = clean.slice(i, i + 3);
          counts.set(t, (counts.get(t) ?? 0) + 1);
        }
        for (const [trigram, count] of counts) add(ranks.get(trigram), count);
      }
      const out: [string, number][] = langs.map((l, k) => [l, distances[k]!]);
      out.sort((a, b) => a[1] - b[1]);
      const min = out[0]![1];
      const max = value.length * MAX_DIFFERENCE - min;
      for (const t of out) t[1] = 1 - (t[1] - min) / max || 0;
      return out;
    },
  };
}

/**
 * Counts what `text.match(new RegExp(source, 'g'))` counts for franc's Latin expression, without building the
 * array of matches: a class of single units, then alternatives that each start with a high surrogate (letters
 * beyond the BMP). Undefined when the expression is not of that form.
 */
export function createLatinCounter(source: string): ((text: string) => number) | undefined {
  if (!/^\[(?:[^\]\\]|\\.)*\](?:\|\\uD[89AB][0-9A-F]{2}\[(?:[^\]\\]|\\.)*\])*$/.test(source)) return undefined;
  const sticky = new RegExp(source, 'y');
  /** Non-surrogate units: 1 when one matches, 2 when not, 0 not looked at yet. */
  const units = new Uint8Array(0x10000);
  return (text) => {
    let count = 0;
    for (let i = 0; i < text.length; ) {
      const u = text.charCodeAt(i);
      if (u >= 0xd800 && u <= 0xdfff) {
        // a surrogate: the expression itself says whether a pair (or the unit) matches here
        sticky.lastIndex = i;
        const m = sticky.exec(text);
        if (m) {
          count++;
          i += m[0].length;
        } else i++;
        continue;
      }
      let known = units[u]!;
      if (known === 0) {
        sticky.lastIndex = 0;
        units[u] = known = sticky.test(String.fromCharCode(u)) ? 1 : 2;
      }
      if (known === 1) count++;
      i++;
    }
    return count;
  };
}
