/** Durations in words: "3 d 4 h", "5 h", "20 min". */
import type { Lang } from '../core/languages.js';
import type { I18n } from '../i18n.js';

/** A positive duration in the user's language, to the hour (to the minute under an hour). */
export function formatLeft(i18n: I18n, lang: Lang, ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return i18n.t(lang, 'time.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  const parts: string[] = [];
  if (d > 0) parts.push(i18n.t(lang, 'time.days', { n: d }));
  if (h > 0 || d === 0) parts.push(i18n.t(lang, 'time.hours', { n: h }));
  return parts.join(' ');
}
