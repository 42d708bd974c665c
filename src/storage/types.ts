/** Storage interfaces, defined where they are used; an in-memory and a SQLite implementation share one contract test. */
import type { Lang } from '../core/languages.js';

/** What the bot remembers about a user. */
export interface UserPrefs {
  readonly lang?: Lang;
  readonly tz?: string;
  /** The user blocked the bot (Telegram answered 403): no more messages. */
  readonly blocked: boolean;
}

export interface UserStore {
  get(userId: number): UserPrefs | undefined;
  setLang(userId: number, lang: Lang): void;
  setTz(userId: number, tz: string): void;
  setBlocked(userId: number, blocked: boolean): void;
}

/** Reminder kinds, by how far before the deadline they fire. */
export type ReminderKind = 'week' | 'two-days' | 'last' | 'at' | 'snooze';

/** A protection deadline. */
export interface Deadline {
  readonly id: number;
  readonly userId: number;
  readonly chatId: number;
  /** Epoch milliseconds. */
  readonly dueAt: number;
  readonly label: string | null;
  readonly tz: string;
  readonly solved: boolean;
}

/** A reminder of a deadline, with what is needed to send it. */
export interface Reminder {
  readonly id: number;
  readonly deadlineId: number;
  readonly userId: number;
  readonly chatId: number;
  readonly fireAt: number;
  readonly kind: ReminderKind;
  readonly dueAt: number;
  readonly label: string | null;
  readonly tz: string;
}

/** A new deadline. */
export interface NewDeadline {
  readonly userId: number;
  readonly chatId: number;
  readonly dueAt: number;
  readonly label: string | null;
  readonly tz: string;
}

/** A reminder to create: when, and which text. */
export interface PlannedReminder {
  readonly fireAt: number;
  readonly kind: ReminderKind;
}

export interface DeadlineStore {
  /** Adds a deadline with its reminders. */
  add(deadline: NewDeadline, reminders: readonly PlannedReminder[]): Deadline;
  get(id: number): Deadline | undefined;
  /** The user's deadlines that are not solved, soonest first. */
  listForUser(userId: number): Deadline[];
  /** Deletes a deadline of this user; false when it is not theirs or does not exist. */
  remove(id: number, userId: number): boolean;
  /** Moves a deadline of this user and replaces its unsent reminders. */
  reschedule(id: number, userId: number, dueAt: number, reminders: readonly PlannedReminder[]): boolean;
  /** Marks a deadline solved: its unsent reminders are dropped. */
  solve(id: number, userId: number): boolean;
  /** Adds one more reminder to a deadline of this user (snooze). */
  addReminder(id: number, userId: number, reminder: PlannedReminder): boolean;
  /** Unsent reminders due at `now` or before, oldest first. */
  due(now: number, limit: number): Reminder[];
  /** When the next unsent reminder fires, or undefined. */
  nextFireAt(): number | undefined;
  /** Records that Telegram accepted the reminder. */
  markSent(reminderId: number, at: number): void;
  /** Drops every unsent reminder of a user (the user blocked the bot). */
  dropForUser(userId: number): number;
  /** How many active deadlines a user has. */
  countForUser(userId: number): number;
}

/** A 👍/👎 vote on a screening reply; no message text is stored. */
export interface FeedbackVote {
  readonly userId: number;
  readonly useful: boolean;
  readonly score: number;
  readonly categories: readonly string[];
  readonly at: number;
}

export interface FeedbackStore {
  add(vote: FeedbackVote): void;
  counts(): { useful: number; notUseful: number };
}

/** Everything the bot stores. */
export interface Storage {
  readonly users: UserStore;
  readonly deadlines: DeadlineStore;
  readonly feedback: FeedbackStore;
  /** Deletes everything about a user. */
  forgetUser(userId: number): void;
  close(): void;
}
