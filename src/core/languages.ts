/** The languages the engine screens and the interface speaks. */
export const LANGUAGES = ['en', 'fr', 'ru', 'es', 'pt', 'de', 'it', 'pl'] as const;

/** ISO 639-1 code of a supported language. */
export type Lang = (typeof LANGUAGES)[number];

/** A language, or `und` when unsure. */
export type DetectedLang = Lang | 'und';

/** Type guard for a supported language code. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
