/** A word of the normalised text with its position in that text. */
export interface Token {
  /** The word as it stands in the normalised text. */
  readonly word: string;
  /** Start offset in the normalised text. */
  readonly start: number;
  /** End offset in the normalised text (exclusive). */
  readonly end: number;
  /** Number of the sentence the word is in (sentences end at . ! ; and line breaks). */
  readonly sentence: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Sentence ends for phrase gaps; a question mark is not one ("Missing 3 pcs? I will send them"). */
const SENTENCE_END = /[.!;\n。！]/u;

/** Splits normalised text into words (letters, marks and digits; everything else separates). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (out.length > 0 && SENTENCE_END.test(text.slice(last, m.index))) sentence++;
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length, sentence });
    last = m.index + m[0].length;
  }
  return out;
}
