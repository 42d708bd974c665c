/** A verdict put into words in one language; the bot renders it as HTML, the command line as terminal text. */
import type { Verdict } from '../core/engine.js';
import type { Lang } from '../core/languages.js';
import type { I18n } from '../i18n.js';

/** The parts of a screening reply, already translated. */
export interface VerdictView {
  /** First line: level word with emoji and `NN/100`. */
  readonly headline: string;
  readonly tactics: ReadonlyArray<{ readonly name: string; readonly why: string; readonly quotes: readonly string[] }>;
  readonly advice: readonly string[];
  /** Extra lines: repetition, truncation. */
  readonly notes: readonly string[];
}

/** Options of {@link viewVerdict}. */
export interface ViewOptions {
  /** How many times the seller has asked to close the dispute in this conversation. */
  readonly closeAsks?: number;
  /** The message was cut to this many characters before screening. */
  readonly truncatedAt?: number;
}

/** Translates a verdict. */
export function viewVerdict(i18n: I18n, lang: Lang, v: Verdict, options: ViewOptions = {}): VerdictView {
  const level = i18n.t(lang, `verdict.level.${v.level}`);
  const notes: string[] = [];
  if ((options.closeAsks ?? 0) >= 2) notes.push(i18n.t(lang, 'verdict.repeated', { count: options.closeAsks! }));
  if (options.truncatedAt !== undefined) notes.push(i18n.t(lang, 'verdict.truncated', { n: options.truncatedAt }));
  return {
    headline: i18n.t(lang, 'verdict.headline', { level, score: v.score }),
    tactics: v.categories.map((c) => ({
      name: i18n.t(lang, `category.${c.id}.name`),
      why: i18n.t(lang, `category.${c.id}.why`),
      quotes: c.evidence.map((e) => i18n.t(lang, 'verdict.quote', { text: e.text.replace(/\s+/g, ' ').trim() })),
    })),
    advice: v.advice.map((a) => i18n.t(lang, `advice.${a}`)),
    notes,
  };
}
