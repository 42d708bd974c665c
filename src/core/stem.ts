/**
 * Stemmers per language. natural is imported by subfolder: its package root loads database drivers.
 * natural has no Polish stemmer, so Polish uses a light suffix stripper defined here.
 */
import type { Lang } from './languages.js';
import en from 'natural/lib/natural/stemmers/porter_stemmer.js';
import fr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import ru from 'natural/lib/natural/stemmers/porter_stemmer_ru.js';
import es from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import pt from 'natural/lib/natural/stemmers/porter_stemmer_pt.js';
import de from 'natural/lib/natural/stemmers/porter_stemmer_de.js';
import it from 'natural/lib/natural/stemmers/porter_stemmer_it.js';

/** Turns one normalised word into its stem. */
export type StemFn = (word: string) => string;

/** Polish endings, longest first; folded text has no diacritics (`ą` -> `a`). */
const PL_SUFFIXES = [
  'owaniami', 'owaniach', 'owaniem', 'owania', 'owanie', 'ujemy', 'ujecie', 'aliscie', 'eliscie', 'ilismy',
  'alismy', 'iliscie', 'ami', 'ach', 'owi', 'owie', 'ego', 'emu', 'ymi', 'imi', 'ych', 'ich', 'ej', 'om', 'ow',
  'cie', 'emy', 'esz', 'eje', 'uje', 'acie', 'amy', 'asz', 'ie', 'iu', 'ia', 'em', 'am', 'al', 'ala',
  'ali', 'aly', 'il', 'ila', 'ili', 'ily', 'ac', 'ic', 'yc', 'ec', 'y', 'a', 'e', 'i', 'o', 'u',
].sort((a, b) => b.length - a.length);

/** Light Polish stemmer: strips one inflection ending, keeping at least four letters. */
export function stemPolish(word: string): string {
  for (const s of PL_SUFFIXES) {
    if (word.length - s.length >= 4 && word.endsWith(s)) return word.slice(0, -s.length);
  }
  return word;
}

interface NaturalStemmer {
  stem(word: string): string;
}

/** The longest of `suffixes` that `word` ends with, or '' (what natural's Spanish `endsInArr` returns). */
function longestSuffix(word: string, suffixes: readonly string[]): string {
  let best = '';
  for (const s of suffixes) if (s.length > best.length && s.length <= word.length && word.endsWith(s)) best = s;
  return best;
}

const ES_VOWELS = new Set('aeiouáéíóúAEIOUÁÉÍÓÚ');

/**
 * natural's Spanish stemmer with its two hot helpers replaced by equivalent fast ones: the original builds a regex
 * per letter and sorts an array per suffix list, which made it the slowest stemmer by far. A test checks that both
 * give the same stems.
 */
export const fastSpanish: NaturalStemmer = Object.assign(Object.create(es) as NaturalStemmer, {
  // a position past the end reads as vowel in the original (its regex tests the string "undefined")
  isVowel: (c: string | undefined) => c === undefined || ES_VOWELS.has(c),
  endsInArr: longestSuffix,
});

const NATURAL: Record<Exclude<Lang, 'pl'>, NaturalStemmer> = { en, fr, ru, es: fastSpanish, pt, de, it } as Record<
  Exclude<Lang, 'pl'>,
  NaturalStemmer
>;

/** Cache size per language before it is cleared (keeps memory bounded on adversarial input). */
const CACHE_LIMIT = 50_000;

/** The stem of one word without any cache (the reference the seed file is checked against). */
export function stemWord(lang: Lang, word: string): string {
  if (word.length > 40 || /\d/.test(word)) return word;
  return (lang === 'pl' ? stemPolish(word) : NATURAL[lang].stem(word)) || word;
}

/**
 * Creates a caching stemmer for `lang`. `seed` fills the cache up front (the pattern words' stems, computed once
 * by `npm run train`), which spares start-up most of the stemming work.
 */
export function createStemmer(lang: Lang, seed?: Readonly<Record<string, string>>): StemFn {
  const cache = new Map<string, string>(seed ? Object.entries(seed) : []);
  return (word) => {
    let s = cache.get(word);
    if (s === undefined) {
      // digits and very long words are not inflected words: stemWord keeps them as they are
      s = stemWord(lang, word);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, s);
    }
    return s;
  };
}
