/** In-memory storage: for tests and as the reference the SQLite store is checked against. */
import type { Lang } from '../core/languages.js';
import type { Deadline, FeedbackVote, PlannedReminder, Reminder, Storage, UserPrefs } from './types.js';

interface StoredReminder extends PlannedReminder {
  id: number;
  deadlineId: number;
  sentAt: number | null;
}

/** Creates an empty in-memory store. */
export function createMemoryStorage(): Storage {
  const users = new Map<number, { lang?: Lang; tz?: string; blocked: boolean }>();
  const deadlines = new Map<number, Deadline>();
  const reminders = new Map<number, StoredReminder>();
  const votes: FeedbackVote[] = [];
  let nextDeadline = 1;
  let nextReminder = 1;

  const user = (id: number) => {
    let u = users.get(id);
    if (!u) {
      u = { blocked: false };
      users.set(id, u);
    }
    return u;
  };
  const own = (id: number, userId: number) => {
    const d = deadlines.get(id);
    return d && d.userId === userId ? d : undefined;
  };
  const addReminders = (deadlineId: number, list: readonly PlannedReminder[]) => {
    for (const r of list) reminders.set(nextReminder, { ...r, id: nextReminder++, deadlineId, sentAt: null });
  };
  const dropUnsent = (deadlineId: number) => {
    for (const [id, r] of reminders) if (r.deadlineId === deadlineId && r.sentAt === null) reminders.delete(id);
  };
  const pending = () => [...reminders.values()].filter((r) => r.sentAt === null);

  return {
    users: {
      get: (id) => {
        const u = users.get(id);
        return u ? ({ ...u } as UserPrefs) : undefined;
      },
      setLang: (id, lang) => void (user(id).lang = lang),
      setTz: (id, tz) => void (user(id).tz = tz),
      setBlocked: (id, blocked) => void (user(id).blocked = blocked),
    },
    deadlines: {
      add(d, list) {
        const deadline: Deadline = { ...d, id: nextDeadline++, solved: false };
        deadlines.set(deadline.id, deadline);
        addReminders(deadline.id, list);
        return deadline;
      },
      get: (id) => deadlines.get(id),
      listForUser: (userId) =>
        [...deadlines.values()].filter((d) => d.userId === userId && !d.solved).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id),
      remove(id, userId) {
        if (!own(id, userId)) return false;
        deadlines.delete(id);
        for (const [rid, r] of reminders) if (r.deadlineId === id) reminders.delete(rid);
        return true;
      },
      reschedule(id, userId, dueAt, list) {
        const d = own(id, userId);
        if (!d) return false;
        deadlines.set(id, { ...d, dueAt, solved: false });
        dropUnsent(id);
        addReminders(id, list);
        return true;
      },
      solve(id, userId) {
        const d = own(id, userId);
        if (!d) return false;
        deadlines.set(id, { ...d, solved: true });
        dropUnsent(id);
        return true;
      },
      addReminder(id, userId, r) {
        if (!own(id, userId)) return false;
        addReminders(id, [r]);
        return true;
      },
      due(now, limit) {
        return pending()
          .filter((r) => r.fireAt <= now)
          .sort((a, b) => a.fireAt - b.fireAt || a.id - b.id)
          .slice(0, limit)
          .map((r): Reminder => {
            const d = deadlines.get(r.deadlineId)!;
            return { id: r.id, deadlineId: d.id, userId: d.userId, chatId: d.chatId, fireAt: r.fireAt, kind: r.kind, dueAt: d.dueAt, label: d.label, tz: d.tz };
          });
      },
      nextFireAt() {
        let min: number | undefined;
        for (const r of pending()) if (min === undefined || r.fireAt < min) min = r.fireAt;
        return min;
      },
      markSent(id, at) {
        const r = reminders.get(id);
        if (r) r.sentAt = at;
      },
      dropForUser(userId) {
        let n = 0;
        for (const [id, r] of reminders) {
          if (r.sentAt === null && deadlines.get(r.deadlineId)?.userId === userId) {
            reminders.delete(id);
            n++;
          }
        }
        return n;
      },
      countForUser: (userId) => [...deadlines.values()].filter((d) => d.userId === userId && !d.solved).length,
    },
    feedback: {
      add: (v) => void votes.push(v),
      counts: () => ({ useful: votes.filter((v) => v.useful).length, notUseful: votes.filter((v) => !v.useful).length }),
    },
    forgetUser(userId) {
      users.delete(userId);
      for (const d of [...deadlines.values()]) if (d.userId === userId) {
        deadlines.delete(d.id);
        for (const [rid, r] of reminders) if (r.deadlineId === d.id) reminders.delete(rid);
      }
      for (let i = votes.length - 1; i >= 0; i--) if (votes[i]!.userId === userId) votes.splice(i, 1);
    },
    close() {},
  };
}
