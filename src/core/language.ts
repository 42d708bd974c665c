/**
 * Language of a message: the script first (Cyrillic means Russian here), then, for Latin text, franc restricted to
 * the supported languages combined with function words and letters typical of each language, which keep short
 * messages from being misread.
 */
import { francAll } from 'franc';
import type { DetectedLang, Lang } from './languages.js';

const ISO3: Record<string, Lang> = { eng: 'en', fra: 'fr', spa: 'es', por: 'pt', deu: 'de', ita: 'it', pol: 'pl' };
const ONLY = Object.keys(ISO3);

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

/** Letters that belong to one language only (among the supported ones). */
const LETTERS: ReadonlyArray<[RegExp, Lang, number]> = [
  [/[ąęłńśźż]/giu, 'pl', 1.5],
  [/ñ/giu, 'es', 1.5],
  [/[¿¡]/gu, 'es', 1.5],
  [/[ãõ]/giu, 'pt', 1.5],
  [/ß/gu, 'de', 1.5],
  [/[äöü]/giu, 'de', 0.8],
  [/[èùœ]/giu, 'fr', 0.6],
  [/[êîôûë]/giu, 'fr', 0.4],
];

const WORDS = /[\p{L}]+/gu;
const HINT_SETS = (Object.entries(HINTS) as [Exclude<Lang, 'ru'>, readonly string[]][]).map(([l, list]) => [l, new Set(list)] as const);

function fold(w: string): string {
  return w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l');
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

/** Detects the language and the languages present. */
export function analyzeLanguage(text: string): LanguageInfo {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  let cyr = 0;
  let lat = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) lat++;
    else if (c >= 0x400 && c <= 0x4ff) cyr++;
  }
  if (cyr + lat < 2) return { language: 'und', present: undefined };
  const words = (sample.match(WORDS) ?? []).map(fold);
  const hits = new Map<Lang, number>();
  for (const [lang, list] of HINT_SETS) {
    let n = 0;
    for (const w of words) if (list.has(w)) n++;
    hits.set(lang, n);
  }
  const language = cyr >= lat ? 'ru' : latinLanguage(sample, words, hits);
  return { language, present: present(sample, words, hits, language, cyr > 0) };
}

function latinLanguage(sample: string, words: readonly string[], hits: ReadonlyMap<Lang, number>): DetectedLang {
  if (words.length === 0) return 'und';
  const scores = new Map<Lang, number>();
  const add = (l: Lang, v: number) => scores.set(l, (scores.get(l) ?? 0) + v);
  for (const [lang, n] of hits) add(lang, (2.5 * n) / words.length);
  for (const [re, lang, weight] of LETTERS) {
    const n = sample.match(re)?.length ?? 0;
    if (n > 0) add(lang, weight * Math.min(1, n / 2));
  }
  const ranked = () => [...scores].sort((a, b) => b[1] - a[1]);
  // franc's trigrams only when the words and letters leave it open (franc costs more than all the rest)
  const [first, second] = ranked();
  const clear = first !== undefined && first[1] >= 0.5 && first[1] >= 2 * (second?.[1] ?? 0);
  if (!clear) {
    const francWeight = Math.min(1, sample.length / 120);
    for (const [code, score] of francAll(sample.slice(0, 400), { only: ONLY, minLength: 3 })) {
      const lang = ISO3[code];
      if (lang) add(lang, francWeight * score);
    }
  }
  const [best] = ranked();
  return best && best[1] > 0.1 ? best[0] : 'und';
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

function present(sample: string, words: readonly string[], hits: ReadonlyMap<Lang, number>, detected: DetectedLang, cyrillic: boolean): Set<Lang> | undefined {
  if (detected === 'und') return undefined;
  // a short message says too little about its languages (and costs little): every language runs
  if (words.filter((w) => w.length > 1).length < 12) return undefined;
  const out = new Set<Lang>(['en']);
  if (detected !== 'ru') out.add(detected);
  if (cyrillic) out.add('ru');
  const need = words.length > 25 ? 2 : 1;
  for (const [lang, n] of hits) if (n >= need) out.add(lang);
  for (const [re, lang] of LETTERS) {
    re.lastIndex = 0;
    if (!out.has(lang) && re.test(sample)) out.add(lang);
    re.lastIndex = 0;
  }
  return out;
}
