/** Which reminders a deadline gets: one per configured offset still in the future, and one at the deadline. */
import type { PlannedReminder, ReminderKind } from '../storage/types.js';

const DAY = 86_400_000;

/** The reminder text for an offset: a week-ish before, two days-ish before, or the last hours. */
export function kindForOffset(offsetMs: number): ReminderKind {
  if (offsetMs <= 0) return 'at';
  if (offsetMs >= 4 * DAY) return 'week';
  if (offsetMs >= 1.5 * DAY) return 'two-days';
  return 'last';
}

/** Reminders for a deadline at `dueAt`, given `offsets` (ms before the deadline, any order) and the time now. */
export function planReminders(dueAt: number, now: number, offsets: readonly number[]): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (const off of [...offsets].sort((a, b) => b - a)) {
    const fireAt = dueAt - off;
    if (fireAt > now) out.push({ fireAt, kind: kindForOffset(off) });
  }
  if (dueAt > now) out.push({ fireAt: dueAt, kind: 'at' });
  return out;
}
