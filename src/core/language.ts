/**
 * Language of a message: the script first (Cyrillic means Russian here), then, for Latin text, franc restricted to
 * the supported languages combined with function words and letters typical of each language, which keep short
 * messages from being misread.
 */
import type { DetectedLang, Lang } from './languages.js';
import { createTrigramRanker } from './trigrams.js';

const ISO3: Record<string, Lang> = { eng: 'en', fra: 'fr', spa: 'es', por: 'pt', deu: 'de', ita: 'it', pol: 'pl' };
const ONLY = Object.keys(ISO3);
const franc = createTrigramRanker(ONLY, 3);

/** Function words and common seller words, folded (no diacritics), per Latin-script language. */
const HINTS: Record<Exclude<Lang, 'ru'>, readonly string[]> = {
  en: ['the', 'and', 'you', 'your', 'please', 'is', 'are', 'we', 'i', 'will', 'to', 'of', 'friend', 'dear', 'my', 'it',
    'not', 'with', 'for', 'this', 'have', 'order', 'refund', 'thank', 'thanks', 'can', 'send', 'new', 'wait', 'pls',
    'plz', 'dispute', 'cancel', 'close', 'item', 'parcel', 'money', 'sorry', 'me', 'open', 'get', 'give', 'help'],
  fr: ['le', 'la', 'les', 'vous', 'votre', 'et', 'est', 'nous', 'je', 'pour', 'pas', 'une', 'des', 'du', 'merci',
    'cher', 'ami', 'avec', 'litige', 'commande', 'colis', 'sur', 'sil', 'plait', 'mon', 'ne', 'ce', 'que', 'qui'],
  es: ['el', 'la', 'los', 'las', 'usted', 'su', 'y', 'es', 'por', 'favor', 'para', 'una', 'con', 'que', 'no',
    'amigo', 'querido', 'disputa', 'pedido', 'gracias', 'le', 'del', 'mi', 'yo', 'muy', 'estimado', 'hola'],
  pt: ['o', 'a', 'os', 'voce', 'seu', 'sua', 'e', 'por', 'favor', 'para', 'uma', 'com', 'que', 'nao', 'amigo',
    'disputa', 'pedido', 'obrigado', 'do', 'da', 'meu', 'eu', 'muito', 'caro', 'ola', 'em', 'no', 'na'],
  de: ['der', 'die', 'das', 'sie', 'ihr', 'ihre', 'und', 'ist', 'bitte', 'wir', 'ich', 'nicht', 'mit', 'fur',
    'ein', 'eine', 'freund', 'lieber', 'liebe', 'streit', 'bestellung', 'danke', 'zu', 'den', 'dem', 'es', 'auf'],
  it: ['il', 'la', 'lo', 'gli', 'le', 'lei', 'suo', 'sua', 'e', 'per', 'favore', 'una', 'con', 'che', 'non', 'amico',
    'caro', 'controversia', 'ordine', 'grazie', 'del', 'della', 'mio', 'io', 'molto', 'ciao', 'di', 'sono'],
  pl: ['i', 'w', 'z', 'na', 'nie', 'prosze', 'pan', 'pani', 'jest', 'my', 'ja', 'do', 'to', 'sie', 'przyjacielu',
    'drogi', 'spor', 'zamowienie', 'dziekuje', 'czy', 'tak', 'bardzo', 'panstwa', 'mozna', 'juz', 'ze', 'od'],
};

/** Letters that belong to one language only (among the supported ones): the letters, the language, a weight. */
const LETTERS: ReadonlyArray<readonly [string, Lang, number]> = [
  ['ąęłńśźżĄĘŁŃŚŹŻ', 'pl', 1.5],
  ['ñÑ', 'es', 1.5],
  ['¿¡', 'es', 1.5],
  ['ãõÃÕ', 'pt', 1.5],
  ['ß', 'de', 1.5],
  ['äöüÄÖÜ', 'de', 0.8],
  ['èùœÈÙŒ', 'fr', 0.6],
  ['êîôûëÊÎÔÛË', 'fr', 0.4],
];
/** Character code -> 1 + index in {@link LETTERS} (0 for none); the letters are all below U+0180. */
const LETTER_GROUP = new Uint8Array(0x180);
LETTERS.forEach(([chars], k) => {
  for (const ch of chars) {
    const code = ch.charCodeAt(0);
    if (code >= LETTER_GROUP.length) throw new Error(`language letters: U+${code.toString(16)} is beyond the table`);
    LETTER_GROUP[code] = k + 1;
  }
});

const HINT_LANGS = Object.keys(HINTS) as Exclude<Lang, 'ru'>[];
/** Folded hint word -> the hint lists it is in (bit k for HINT_LANGS[k]): a small table that stays in cache. */
const HINT_MASKS = new Map<string, number>();
HINT_LANGS.forEach((lang, k) => {
  for (const w of HINTS[lang]) HINT_MASKS.set(w, (HINT_MASKS.get(w) ?? 0) | (1 << k));
});
const LONGEST_HINT = Math.max(...[...HINT_MASKS.keys()].map((w) => w.length));

/**
 * The hint words of ASCII letters as a trie walked letter by letter while counting, so ASCII words need no slice,
 * lower-casing or look-up: TRIE[26·state + letter] is the next state (0 for none; the root is state 1), and
 * TRIE_MASK[state] the mask of the word ending there.
 */
const { TRIE, TRIE_MASK } = (() => {
  const next: number[] = new Array<number>(2 * 26).fill(0); // rows of states 0 and 1
  const masks: number[] = [0, 0];
  for (const [word, mask] of HINT_MASKS) {
    if (!/^[a-z]+$/.test(word)) continue;
    let state = 1;
    for (let i = 0; i < word.length; i++) {
      const at = 26 * state + word.charCodeAt(i) - 97;
      if (next[at] === 0) {
        next[at] = masks.length;
        masks.push(0);
        for (let k = 0; k < 26; k++) next.push(0);
      }
      state = next[at]!;
    }
    masks[state] = mask;
  }
  return { TRIE: Int32Array.from(next), TRIE_MASK: Int32Array.from(masks) };
})();

/** Words with letters outside ASCII, folded; bounded. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 20_000;

/** The hint lists a word (a run of letters, as written) is in: bit k for HINT_LANGS[k]. */
export function hintMask(word: string): number {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) return 0; // Cyrillic: no hint words
    if (c >= 0x80) ascii = false;
  }
  // an ASCII word folds to its lower case, as long as it is; a hint word is short
  if (ascii) return word.length > LONGEST_HINT ? 0 : (HINT_MASKS.get(word.toLowerCase()) ?? 0);
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l');
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(word, folded);
  }
  return HINT_MASKS.get(folded) ?? 0;
}

const LETTER = /\p{L}/u;
/** UTF-16 units: 1 a letter, 2 not one, 0 not looked at yet. */
const letterUnits = new Uint8Array(0x10000);

function isLetterCode(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let known = letterUnits[c]!;
  if (known === 0) letterUnits[c] = known = LETTER.test(text[i]!) ? 1 : 2;
  return known === 1;
}

/** Detects the language of `text`; `und` when there is too little to tell. */
export function detectLanguage(text: string): DetectedLang {
  return analyzeLanguage(text).language;
}

/** What the engine needs to know about a message's languages, computed in one pass over its words. */
export interface LanguageInfo {
  readonly language: DetectedLang;
  /** Languages whose patterns are worth running; undefined for all (see {@link languagesPresent}). */
  readonly present: Set<Lang> | undefined;
}

/** What one pass over the characters finds. */
interface Counts {
  readonly sample: string;
  /** Words (runs of letters). */
  readonly words: number;
  /** Words longer than one letter. */
  readonly longWords: number;
  /** Hint words per language of HINT_LANGS. */
  readonly hits: readonly number[];
  /** Occurrences per group of LETTERS. */
  readonly letters: readonly number[];
}

/** Counts words, hint words, letters and scripts in one pass (exported for tests). */
export function count(sample: string): Counts & { cyr: number; lat: number } {
  let cyr = 0;
  let lat = 0;
  let words = 0;
  let longWords = 0;
  const hits = HINT_LANGS.map(() => 0);
  const letters = LETTERS.map(() => 0);
  let wordStart = -1;
  // the word's state in TRIE while it has only ASCII letters (0 once it left the trie), -1 once it has another
  let state = 0;
  const endWord = (end: number) => {
    words++;
    if (end - wordStart > 1) longWords++;
    const mask = state >= 0 ? TRIE_MASK[state]! : hintMask(sample.slice(wordStart, end));
    if (mask !== 0) for (let k = 0; k < hits.length; k++) if (mask & (1 << k)) hits[k]!++;
    wordStart = -1;
  };
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) lat++;
    else if (c >= 0x400 && c <= 0x4ff) cyr++;
    const group = c >= 0x80 && c < 0x180 ? LETTER_GROUP[c]! : 0;
    if (group !== 0) letters[group - 1]!++;
    // a surrogate pair is one character: letters outside the BMP are rare and are not hint words
    if (isLetterCode(c, sample, i)) {
      if (wordStart < 0) {
        wordStart = i;
        state = 1;
      }
      if (c >= 0x80) state = -1;
      else if (state > 0) state = TRIE[26 * state + (c | 0x20) - 97]!;
    } else if (wordStart >= 0) endWord(i);
  }
  if (wordStart >= 0) endWord(sample.length);
  return { sample, words, longWords, hits, letters, cyr, lat };
}

/** Detects the language and the languages present. */
export function analyzeLanguage(text: string): LanguageInfo {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  const counts = count(sample);
  if (counts.cyr + counts.lat < 2) return { language: 'und', present: undefined };
  const language = counts.cyr >= counts.lat ? 'ru' : latinLanguage(counts);
  return { language, present: present(counts, language, counts.cyr > 0) };
}

/** Index in HINT_LANGS of each Latin-script language (every one has hint words). */
const HINT_INDEX = new Map(HINT_LANGS.map((l, k) => [l, k]));
const LETTER_INDEX = LETTERS.map(([, lang]) => {
  const k = HINT_INDEX.get(lang as Exclude<Lang, 'ru'>);
  if (k === undefined) throw new Error(`language letters: ${lang} has no hint words`);
  return k;
});

/** The index of the highest score, the first of equals; -1 for none. `skip` is left out. */
function top(scores: Float64Array, skip = -1): number {
  let best = -1;
  for (let k = 0; k < scores.length; k++) if (k !== skip && (best < 0 || scores[k]! > scores[best]!)) best = k;
  return best;
}

function latinLanguage({ sample, words, hits, letters }: Counts): DetectedLang {
  if (words === 0) return 'und';
  // scores per language of HINT_LANGS (ties go to the one listed first)
  const scores = new Float64Array(HINT_LANGS.length);
  HINT_LANGS.forEach((_, k) => (scores[k] = (2.5 * hits[k]!) / words));
  LETTERS.forEach(([, , weight], k) => {
    const n = letters[k]!;
    const at = LETTER_INDEX[k]!;
    if (n > 0) scores[at] = scores[at]! + weight * Math.min(1, n / 2);
  });
  // franc's trigrams only when the words and letters leave it open (franc costs more than all the rest)
  const first = top(scores);
  const second = top(scores, first);
  const clear = first >= 0 && scores[first]! >= 0.5 && scores[first]! >= 2 * (second >= 0 ? scores[second]! : 0);
  if (!clear) {
    const francWeight = Math.min(1, sample.length / 120);
    for (const [code, score] of franc.rank(sample.slice(0, 400))) {
      const lang = ISO3[code];
      const at = lang === undefined ? undefined : HINT_INDEX.get(lang as Exclude<Lang, 'ru'>);
      if (at !== undefined) scores[at] = scores[at]! + francWeight * score;
    }
  }
  const best = top(scores);
  return best >= 0 && scores[best]! > 0.1 ? HINT_LANGS[best]! : 'und';
}

/**
 * Languages a message shows signs of, whose patterns are worth running: the detected one, English (the sellers'
 * common language), Russian when there is Cyrillic, and each Latin-script language with one of its function words
 * (two in a longer message) or one of its own letters. `undefined` means "all": a short message, or too little
 * text to tell.
 */
export function languagesPresent(text: string): Set<Lang> | undefined {
  return analyzeLanguage(text).present;
}

function present({ words, longWords, hits, letters }: Counts, detected: DetectedLang, cyrillic: boolean): Set<Lang> | undefined {
  if (detected === 'und') return undefined;
  // a short message says too little about its languages (and costs little): every language runs
  if (longWords < 12) return undefined;
  const out = new Set<Lang>(['en']);
  if (detected !== 'ru') out.add(detected);
  if (cyrillic) out.add('ru');
  const need = words > 25 ? 2 : 1;
  HINT_LANGS.forEach((lang, k) => {
    if (hits[k]! >= need) out.add(lang);
  });
  LETTERS.forEach(([, lang], k) => {
    if (letters[k]! > 0) out.add(lang);
  });
  return out;
}
