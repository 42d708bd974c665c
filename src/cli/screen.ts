/** `screen`: one message to a readable or JSON verdict, or JSON lines in and out. */
import { createInterface } from 'node:readline';
import type { Engine, Verdict } from '../core/engine.js';
import type { Lang } from '../core/languages.js';
import type { I18n } from '../i18n.js';
import { viewVerdict } from '../present/verdict.js';

/** Terminal colours, off when NO_COLOR is set or stdout is not a terminal. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  level(level: Verdict['level'], s: string): string;
  quote(s: string): string;
}

export function createPaint(enabled: boolean): Paint {
  const wrap = (code: string) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colours = { low: wrap('32'), medium: wrap('33'), high: wrap('31;1') };
  return { bold: wrap('1'), dim: wrap('2'), level: (l, s) => colours[l](s), quote: wrap('36') };
}

/** The verdict as text for a person in a terminal. */
export function renderVerdict(v: Verdict, i18n: I18n, lang: Lang, paint: Paint): string {
  const view = viewVerdict(i18n, lang, v);
  const lines = [paint.level(v.level, paint.bold(view.headline)) + paint.dim(`  [${v.language}]`)];
  if (view.tactics.length === 0) lines.push(i18n.t(lang, 'verdict.no-tactics'));
  else {
    lines.push('', paint.bold(i18n.t(lang, 'verdict.tactics-found')));
    view.tactics.forEach((t, i) => {
      const conf = v.categories[i]!.confidence.toFixed(2);
      lines.push(`• ${t.name} ${paint.dim(`(${v.categories[i]!.id}, ${conf})`)}`);
      for (const q of t.quotes) lines.push(`    ${paint.quote(q)}`);
    });
  }
  lines.push('', paint.bold(i18n.t(lang, 'verdict.what-to-do')));
  if (view.advice.length === 0) lines.push(`1. ${i18n.t(lang, 'verdict.benign-advice')}`);
  view.advice.forEach((a, i) => lines.push(`${i + 1}. ${a}`));
  return lines.join('\n');
}

/** The JSON verdict of INTERFACES.md (with `findings` added). */
export function verdictJson(v: Verdict, id?: unknown): Record<string, unknown> {
  return { ...(id !== undefined ? { id } : {}), ...v };
}

/** Reads JSON lines `{"id", "text"}` and writes one verdict line each, in order; bad lines give an error line. */
export async function screenJsonl(engine: Engine, input: NodeJS.ReadableStream, write: (line: string) => void): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (err) {
      write(JSON.stringify({ id: null, error: `invalid JSON: ${(err as Error).message}` }));
      continue;
    }
    const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    const id = obj && 'id' in obj ? obj.id : null;
    if (!obj || typeof obj.text !== 'string') {
      write(JSON.stringify({ id, error: 'expected an object with a string "text"' }));
      continue;
    }
    write(JSON.stringify(verdictJson(engine.screen(obj.text), id)));
  }
}
