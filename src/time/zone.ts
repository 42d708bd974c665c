/** Time-zone arithmetic with the platform's Intl data (no dependency): wall-clock time in a zone <-> instants. */

/** Whether `tz` is an IANA time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time of `instant` in `tz`. */
export function wallTime(instant: Date, tz: string): WallTime {
  const parts = Object.fromEntries(formatter(tz).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of `tz` from UTC at `instant`, in milliseconds. */
function offsetAt(instant: Date, tz: string): number {
  const w = wallTime(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant when the wall clock in `tz` shows the given time (the earlier one in a repeated hour). */
export function fromWallTime(w: WallTime, tz: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // the offset is one of the offsets around the guess; try the ones a day before and after
  const candidates = [...new Set([-86_400_000, 0, 86_400_000].map((d) => guess - offsetAt(new Date(guess + d), tz)))];
  const exact = candidates.filter((c) => {
    const back = wallTime(new Date(c), tz);
    return Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute, back.second) === guess;
  });
  // a time skipped by a clock change has no exact instant: take the one after the jump
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}

/** Whether a calendar date exists (no 31 April). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Formats an instant as `YYYY-MM-DD HH:mm` in `tz`. */
export function formatWall(instant: Date, tz: string): string {
  const w = wallTime(instant, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}
