/** Reminder offsets before a deadline: `7d,2d,12h` (units s, m, h, d). */

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses offsets into milliseconds, largest first, without repeats. */
export function parseOffsets(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new Error('expected offsets like 7d,2d,12h');
  const out = new Set<number>();
  for (const p of parts) {
    const m = /^(\d{1,4})([smhd])$/.exec(p);
    if (!m) throw new Error(`"${p}" is not an offset; expected a number and a unit s, m, h or d, like 7d,2d,12h`);
    const ms = Number(m[1]) * UNITS[m[2]!]!;
    if (ms <= 0 || ms > 366 * UNITS.d!) throw new Error(`"${p}" must be between 1s and 366d`);
    out.add(ms);
  }
  return [...out].sort((a, b) => b - a);
}
