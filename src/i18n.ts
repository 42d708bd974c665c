/**
 * Interface texts. Every user-facing string lives in `locales/<lang>.json` (kebab-case keys grouped by feature);
 * `{name}` placeholders are filled from parameters. A missing key falls back to English, then to the key itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Lang } from './core/languages.js';
import { ROOT } from './load.js';

/** A flat dictionary: `"verdict.level.high"` -> text. */
export type Dictionary = ReadonlyMap<string, string>;

/** Texts in every language. */
export interface I18n {
  t(lang: Lang, key: string, params?: Record<string, string | number>): string;
  has(lang: Lang, key: string): boolean;
  readonly dictionaries: ReadonlyMap<Lang, Dictionary>;
}

export const LOCALES_DIR = join(ROOT, 'locales');

function flatten(prefix: string, value: unknown, into: Map<string, string>, file: string): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, into, file);
  } else {
    throw new Error(`${file}: ${prefix} must be a string or an object of strings`);
  }
}

/** Reads one locale file into a flat dictionary. */
export function readLocale(lang: Lang, dir: string = LOCALES_DIR): Dictionary {
  const file = join(dir, `${lang}.json`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
  const map = new Map<string, string>();
  flatten('', data, map, file);
  return map;
}

/** Builds the texts from dictionaries (English must be present). */
export function createI18n(dictionaries: ReadonlyMap<Lang, Dictionary>): I18n {
  const fill = (text: string, params?: Record<string, string | number>) =>
    params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
  return {
    dictionaries,
    has: (lang, key) => dictionaries.get(lang)?.has(key) ?? false,
    t(lang, key, params) {
      const text = dictionaries.get(lang)?.get(key) ?? dictionaries.get('en')?.get(key) ?? key;
      return fill(text, params);
    },
  };
}

/** Loads every language present in `dir`. */
export function loadI18n(dir: string = LOCALES_DIR): I18n {
  const dictionaries = new Map<Lang, Dictionary>();
  for (const lang of LANGUAGES) {
    try {
      dictionaries.set(lang, readLocale(lang, dir));
    } catch (err) {
      if (lang === 'en' || !(err as Error).message.includes('ENOENT')) throw err;
    }
  }
  return createI18n(dictionaries);
}

/** Placeholders used in a text, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
