/** A word of the normalised text with its position in that text. */
export interface Token {
  /** The word as it stands in the normalised text. */
  readonly word: string;
  /** Start offset in the normalised text. */
  readonly start: number;
  /** End offset in the normalised text (exclusive). */
  readonly end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Splits normalised text into words (letters, marks and digits; everything else separates). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
