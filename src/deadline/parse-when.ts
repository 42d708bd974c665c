/**
 * Reads a deadline as people type it, in the eight interface languages: ISO dates and date-times, `05.12.2026`,
 * `5/12`, `Dec 5`, `5 décembre`, `5 декабря`, `5 de diciembre`, and durations from now (`36h`, `12d`, `2w`,
 * `in 12 days`, `через 12 дней`, `dans 12 jours`). A date alone means the end of that day in the user's zone.
 */
import { foldWord } from '../core/normalize.js';
import { fromWallTime, isRealDate, wallTime } from '../time/zone.js';

/** The result of reading a deadline. */
export type WhenResult =
  | { readonly kind: 'ok'; readonly at: Date; readonly relative: boolean; readonly label: string | null }
  | { readonly kind: 'ambiguous'; readonly options: readonly [Date, Date]; readonly label: string | null; readonly input: string }
  | { readonly kind: 'past'; readonly at: Date }
  | { readonly kind: 'too-far'; readonly at: Date }
  | { readonly kind: 'invalid'; readonly input: string }
  | { readonly kind: 'empty' };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Deadlines further away than this are refused (buyer protection is shorter). */
export const MAX_AHEAD_MS = 366 * DAY;
/** A date without a year that passed less than this long ago is "past", not next year's. */
const RECENT_PAST_MS = 60 * DAY;

const MONTHS: ReadonlyArray<readonly string[]> = [
  ['jan', 'january', 'janvier', 'janv', 'январь', 'января', 'янв', 'enero', 'ene', 'janeiro', 'januar', 'janner', 'gennaio', 'gen', 'styczen', 'stycznia', 'sty'],
  ['feb', 'february', 'fevrier', 'fevr', 'fev', 'февраль', 'февраля', 'фев', 'febrero', 'fevereiro', 'februar', 'febbraio', 'luty', 'lutego', 'lut'],
  ['mar', 'march', 'mars', 'март', 'марта', 'мар', 'marzo', 'marco', 'marz', 'marzec', 'marca'],
  ['apr', 'april', 'avril', 'avr', 'апрель', 'апреля', 'апр', 'abril', 'abr', 'aprile', 'kwiecien', 'kwietnia', 'kwi'],
  ['may', 'mai', 'маи', 'мая', 'mayo', 'maio', 'maggio', 'mag', 'maj', 'maja'],
  ['jun', 'june', 'juin', 'июнь', 'июня', 'июн', 'junio', 'junho', 'juni', 'giugno', 'giu', 'czerwiec', 'czerwca', 'cze'],
  ['jul', 'july', 'juillet', 'juil', 'июль', 'июля', 'июл', 'julio', 'julho', 'juli', 'luglio', 'lug', 'lipiec', 'lipca', 'lip'],
  ['aug', 'august', 'aout', 'август', 'августа', 'авг', 'agosto', 'ago', 'sierpien', 'sierpnia', 'sie'],
  ['sep', 'sept', 'september', 'septembre', 'сентябрь', 'сентября', 'сен', 'сент', 'septiembre', 'setiembre', 'setembro', 'set', 'settembre', 'wrzesien', 'wrzesnia', 'wrz'],
  ['oct', 'october', 'octobre', 'октябрь', 'октября', 'окт', 'octubre', 'outubro', 'out', 'oktober', 'okt', 'ottobre', 'ott', 'pazdziernik', 'pazdziernika', 'paz'],
  ['nov', 'november', 'novembre', 'ноябрь', 'ноября', 'ноя', 'noviembre', 'novembro', 'listopad', 'listopada', 'lis'],
  ['dec', 'december', 'decembre', 'декабрь', 'декабря', 'дек', 'diciembre', 'dic', 'dezembro', 'dez', 'dezember', 'dicembre', 'grudzien', 'grudnia', 'gru'],
];
const MONTH = new Map<string, number>(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
const MONTH_FIRST = new Set(['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december']);

const UNITS = new Map<string, number>([
  ...['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures', 'ч', 'час', 'часа', 'часов', 'hora', 'horas', 'std', 'stunde', 'stunden', 'ora', 'ore', 'godz', 'godzina', 'godziny', 'godzin'].map((u) => [u, HOUR] as const),
  ...['d', 'day', 'days', 'j', 'jour', 'jours', 'д', 'дн', 'день', 'дня', 'днеи', 'dia', 'dias', 'tag', 'tage', 'tagen', 'giorno', 'giorni', 'gg', 'dzien', 'dni', 'dnia'].map((u) => [u, DAY] as const),
  ...['w', 'wk', 'week', 'weeks', 'sem', 'semaine', 'semaines', 'нед', 'неделя', 'недели', 'недель', 'неделю', 'semana', 'semanas', 'woche', 'wochen', 'settimana', 'settimane', 'tydz', 'tydzien', 'tygodnie', 'tygodni'].map((u) => [u, 7 * DAY] as const),
]);

/** Words that may stand before a duration: "in 12 days", "через 12 дней", "dentro de 12 dias". */
const BEFORE_DURATION = new Set(['in', 'within', 'dans', 'en', 'через', 'em', 'dentro', 'de', 'tra', 'fra', 'za', 'nach', 'binnen', 'entro']);

interface Parsed {
  readonly kind: 'date' | 'duration' | 'ambiguous';
  readonly at?: Date;
  readonly options?: readonly [Date, Date];
  readonly yearGiven?: boolean;
}

function wall(year: number, month: number, day: number, time: [string?, string?], tz: string): Date | undefined {
  if (!isRealDate(year, month, day)) return undefined;
  if (time[0] === undefined) return fromWallTime({ year, month, day, hour: 23, minute: 59, second: 59 }, tz);
  const hour = Number(time[0]);
  const minute = Number(time[1] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return fromWallTime({ year, month, day, hour, minute, second: 0 }, tz);
}

function fullYear(y: string | undefined, fallback: number): number {
  if (y === undefined) return fallback;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** Picks the year for a date typed without one: this year, or next year when it passed long ago. */
function withYear(make: (year: number) => Date | undefined, now: Date, tz: string): Date | undefined {
  const year = wallTime(now, tz).year;
  const d = make(year);
  if (d && d.getTime() < now.getTime() - RECENT_PAST_MS) return make(year + 1);
  return d;
}

/** Reads one candidate expression (already folded), whole. */
function parseExpression(s: string, now: Date, tz: string): Parsed | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(s);
  if (m) {
    const at = wall(Number(m[1]), Number(m[2]), Number(m[3]), [m[4], m[5]], tz);
    return at ? { kind: 'date', at, yearGiven: true } : undefined;
  }
  m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?\.?(?:,? (\d{1,2})[:.h](\d{2}))?$/.exec(s);
  if (m) {
    const [d, mo, y, hh, mm] = [Number(m[1]), Number(m[2]), m[3], m[4], m[5]];
    const at = y ? wall(fullYear(y, 0), mo, d, [hh, mm], tz) : withYear((yr) => wall(yr, mo, d, [hh, mm], tz), now, tz);
    return at ? { kind: 'date', at, yearGiven: y !== undefined } : undefined;
  }
  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?:,? (\d{1,2}):(\d{2}))?$/.exec(s);
  if (m) {
    const [a, b, y, hh, mm] = [Number(m[1]), Number(m[2]), m[3], m[4], m[5]];
    const make = (day: number, month: number) =>
      y ? wall(fullYear(y, 0), month, day, [hh, mm], tz) : withYear((yr) => wall(yr, month, day, [hh, mm], tz), now, tz);
    const dm = make(a, b);
    const md = make(b, a);
    if (dm && md && a !== b) return { kind: 'ambiguous', options: [dm, md] };
    const at = dm ?? md;
    return at ? { kind: 'date', at, yearGiven: y !== undefined } : undefined;
  }
  m = /^(\d{1,2})(?:\.|er|st|nd|rd|th|-?го|º|°)? (?:de )?([a-zа-я]+)\.?(?: de)?(?:,? (\d{4}))?(?:,? (?:a |at |um |в |a las |as |alle |o )?(\d{1,2})[:.h](\d{2}))?$/.exec(s);
  if (m && MONTH.has(m[2]!)) {
    const [d, mo, y, hh, mm] = [Number(m[1]), MONTH.get(m[2]!)!, m[3], m[4], m[5]];
    const at = y ? wall(Number(y), mo, d, [hh, mm], tz) : withYear((yr) => wall(yr, mo, d, [hh, mm], tz), now, tz);
    return at ? { kind: 'date', at, yearGiven: y !== undefined } : undefined;
  }
  m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?(?:,? (?:at )?(\d{1,2}):(\d{2}))?$/.exec(s);
  // month first is English usage ("Dec 5"); elsewhere a word before a number is not a month ("się 5" in Polish)
  if (m && MONTH_FIRST.has(m[1]!)) {
    const [mo, d, y, hh, mm] = [MONTH.get(m[1]!)!, Number(m[2]), m[3], m[4], m[5]];
    const at = y ? wall(Number(y), mo, d, [hh, mm], tz) : withYear((yr) => wall(yr, mo, d, [hh, mm], tz), now, tz);
    return at ? { kind: 'date', at, yearGiven: y !== undefined } : undefined;
  }
  const words = s.split(' ');
  while (words.length > 1 && BEFORE_DURATION.has(words[0]!)) words.shift();
  m = /^(\d{1,4}) ?([a-zа-я]+)$/.exec(words.join(' '));
  if (m && UNITS.has(m[2]!)) {
    return { kind: 'duration', at: new Date(now.getTime() + Number(m[1]) * UNITS.get(m[2]!)!) };
  }
  return undefined;
}

/** Folds typed text for matching: lower case, no diacritics, one space. */
function fold(s: string): string {
  return s
    .trim()
    .split(/\s+/)
    .map((w) => foldWord(w))
    .join(' ');
}

/**
 * Reads `<when> [label]`. The longest leading run of words that reads as a date or a duration is the deadline;
 * the rest is the label.
 */
export function parseWhen(input: string, now: Date, tz: string): WhenResult {
  const raw = input.trim().split(/\s+/).filter((w) => w !== '');
  if (raw.length === 0) return { kind: 'empty' };
  for (let k = Math.min(7, raw.length); k >= 1; k--) {
    const parsed = parseExpression(fold(raw.slice(0, k).join(' ')), now, tz);
    if (!parsed) continue;
    const label = raw.slice(k).join(' ').trim().slice(0, 100) || null;
    if (parsed.kind === 'ambiguous') {
      return { kind: 'ambiguous', options: parsed.options!, label, input: raw.slice(0, k).join(' ') };
    }
    const at = parsed.at!;
    if (at.getTime() <= now.getTime()) return { kind: 'past', at };
    if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return { kind: 'too-far', at };
    return { kind: 'ok', at, relative: parsed.kind === 'duration', label };
  }
  return { kind: 'invalid', input: raw.slice(0, 3).join(' ') };
}

/** Finds the first date or duration anywhere in a sentence (for /check), with where it stands. */
export function findWhen(text: string, now: Date, tz: string): { at: Date; relative: boolean; start: number; end: number } | undefined {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ w: m[0].replace(/[,;!?)(]+$/u, '').replace(/^[(]/, ''), start: m.index, end: m.index + m[0].length }));
  for (let i = 0; i < words.length; i++) {
    for (let k = Math.min(6, words.length - i); k >= 1; k--) {
      const slice = words.slice(i, i + k);
      const parsed = parseExpression(fold(slice.map((x) => x.w).join(' ')), now, tz);
      if (parsed?.at) return { at: parsed.at, relative: parsed.kind === 'duration', start: slice[0]!.start, end: slice[k - 1]!.end };
    }
  }
  return undefined;
}
