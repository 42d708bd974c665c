/** Telegram HTML: escaping, and splitting long replies at line breaks under the 4,096-character limit. */

export const TELEGRAM_LIMIT = 4096;

/** Escapes text for parse_mode HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Splits `html` into parts of at most `limit` characters, at paragraph, then line, then word boundaries, never
 * inside a tag or an entity. Tags used by the bot (<b>, <i>) never span lines, so splitting at lines keeps them
 * balanced.
 */
export function splitMessage(html: string, limit = TELEGRAM_LIMIT): string[] {
  const parts: string[] = [];
  let rest = html.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < limit / 2) cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = limit;
    // never cut inside a tag or an entity
    const lt = rest.lastIndexOf('<', cut - 1);
    if (lt > rest.lastIndexOf('>', cut - 1)) cut = lt;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp > rest.lastIndexOf(';', cut - 1) && cut - amp < 10) cut = amp;
    if (cut <= 0) cut = limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
