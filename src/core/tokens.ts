import { C_LETTER, C_MARK, C_NUMBER, classOf } from './normalize.js';

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

const WORD = C_LETTER | C_MARK | C_NUMBER;

/** Word characters (letters, marks, digits) among ASCII codes. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (classOf(String.fromCharCode(c)) & WORD) ASCII_WORD[c] = 1;

/**
 * Whether a character ends a sentence for phrase gaps; a question mark does not ("Missing 3 pcs? I will send
 * them").
 */
const endsSentence = (c: number) => c === 46 || c === 33 || c === 59 || c === 10 || c === 0x3002 || c === 0xff01;

/** Splits normalised text into words (letters, marks and digits; everything else separates). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let ended = false; // a sentence end since the last word
  let i = 0;
  while (i < text.length) {
    let c = text.charCodeAt(i);
    let len = unitsAt(text, i, c);
    if (!isWord(text, i, c, len)) {
      if (endsSentence(c)) ended = true;
      i += len;
      continue;
    }
    const start = i;
    do {
      i += len;
      if (i >= text.length) break;
      c = text.charCodeAt(i);
      len = unitsAt(text, i, c);
    } while (isWord(text, i, c, len));
    if (ended && out.length > 0) sentence++;
    ended = false;
    out.push({ word: text.slice(start, i), start, end: i, sentence });
  }
  return out;
}

/** UTF-16 units of the code point at `i` (2 for a surrogate pair). */
function unitsAt(text: string, i: number, c: number): number {
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

function isWord(text: string, i: number, c: number, len: number): boolean {
  if (c < 0x80) return ASCII_WORD[c] === 1;
  return (classOf(len === 1 ? text[i]! : text.slice(i, i + 2)) & WORD) !== 0;
}
