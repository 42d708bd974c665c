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
      const latinCount = value.match(latinExpression)?.length ?? 0;
      // otherwise franc's census of every script decides; a top script other than Latin has none of these languages
      if (latinCount * 2 <= value.length && topScript(value) !== 'Latin') return [['und', 1]];
      // trigram-utils: punctuation, symbols and digits out, white space collapsed, lower case, padded
      const clean = ` ${value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
      const counts = new Map<string, number>();
      for (let i = 0; i + 3 <= clean.length; i++) {
        const t = clean.slice(i, i + 3);
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      const distances = new Float64Array(langs.length);
      for (const [trigram, count] of counts) {
        const row = ranks.get(trigram);
        for (let k = 0; k < langs.length; k++) {
          const rank = row ? row[k]! : -1;
          distances[k] = distances[k]! + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1));
        }
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
