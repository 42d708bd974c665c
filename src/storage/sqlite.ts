/**
 * SQLite storage (better-sqlite3, WAL) in `DATA_DIR`. Versioned migrations run at open; each runs once, in a
 * transaction, and the version is recorded in `PRAGMA user_version`.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isLang } from '../core/languages.js';
import type { Deadline, PlannedReminder, Reminder, Storage } from './types.js';

/** Schema migrations, in order; never edit a released one, add a new one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     user_id INTEGER PRIMARY KEY,
     lang TEXT,
     tz TEXT,
     blocked INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE deadlines (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     user_id INTEGER NOT NULL,
     chat_id INTEGER NOT NULL,
     due_at INTEGER NOT NULL,
     label TEXT,
     tz TEXT NOT NULL,
     solved INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX deadlines_user ON deadlines(user_id, due_at);
   CREATE TABLE reminders (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     deadline_id INTEGER NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
     fire_at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     sent_at INTEGER
   );
   CREATE INDEX reminders_pending ON reminders(fire_at) WHERE sent_at IS NULL;
   CREATE INDEX reminders_deadline ON reminders(deadline_id);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     user_id INTEGER NOT NULL,
     useful INTEGER NOT NULL,
     score INTEGER NOT NULL,
     categories TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX feedback_user ON feedback(user_id);`,
];

/** Opens (creating if needed) the database file `dispute-guard.sqlite` in `dir`, or `:memory:`. */
export function openDatabase(dir: string | ':memory:'): Database.Database {
  let path = ':memory:';
  if (dir !== ':memory:') {
    mkdirSync(dir, { recursive: true });
    path = join(dir, 'dispute-guard.sqlite');
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Runs the migrations the database has not seen yet. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this program (${MIGRATIONS.length}): upgrade the program`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return MIGRATIONS.length - current;
}

interface DeadlineRow {
  id: number;
  user_id: number;
  chat_id: number;
  due_at: number;
  label: string | null;
  tz: string;
  solved: number;
}

const toDeadline = (r: DeadlineRow): Deadline => ({
  id: r.id,
  userId: r.user_id,
  chatId: r.chat_id,
  dueAt: r.due_at,
  label: r.label,
  tz: r.tz,
  solved: r.solved === 1,
});

/** Creates the SQLite storage over an open database. */
export function createSqliteStorage(db: Database.Database, clock: () => number = Date.now): Storage {
  const q = {
    getUser: db.prepare('SELECT lang, tz, blocked FROM users WHERE user_id = ?'),
    upsertLang: db.prepare(
      'INSERT INTO users (user_id, lang, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at',
    ),
    upsertTz: db.prepare(
      'INSERT INTO users (user_id, tz, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET tz = excluded.tz, updated_at = excluded.updated_at',
    ),
    upsertBlocked: db.prepare(
      'INSERT INTO users (user_id, blocked, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET blocked = excluded.blocked, updated_at = excluded.updated_at',
    ),
    addDeadline: db.prepare(
      'INSERT INTO deadlines (user_id, chat_id, due_at, label, tz, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    addReminder: db.prepare('INSERT INTO reminders (deadline_id, fire_at, kind) VALUES (?, ?, ?)'),
    getDeadline: db.prepare('SELECT * FROM deadlines WHERE id = ?'),
    listForUser: db.prepare('SELECT * FROM deadlines WHERE user_id = ? AND solved = 0 ORDER BY due_at, id'),
    countForUser: db.prepare('SELECT COUNT(*) AS n FROM deadlines WHERE user_id = ? AND solved = 0'),
    removeDeadline: db.prepare('DELETE FROM deadlines WHERE id = ? AND user_id = ?'),
    moveDeadline: db.prepare('UPDATE deadlines SET due_at = ?, solved = 0 WHERE id = ? AND user_id = ?'),
    solveDeadline: db.prepare('UPDATE deadlines SET solved = 1 WHERE id = ? AND user_id = ?'),
    dropUnsent: db.prepare('DELETE FROM reminders WHERE deadline_id = ? AND sent_at IS NULL'),
    owns: db.prepare('SELECT 1 FROM deadlines WHERE id = ? AND user_id = ?'),
    due: db.prepare(
      `SELECT r.id, r.deadline_id, r.fire_at, r.kind, d.user_id, d.chat_id, d.due_at, d.label, d.tz
       FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
       WHERE r.sent_at IS NULL AND r.fire_at <= ? ORDER BY r.fire_at, r.id LIMIT ?`,
    ),
    next: db.prepare('SELECT MIN(fire_at) AS t FROM reminders WHERE sent_at IS NULL'),
    markSent: db.prepare('UPDATE reminders SET sent_at = ? WHERE id = ?'),
    dropForUser: db.prepare(
      'DELETE FROM reminders WHERE sent_at IS NULL AND deadline_id IN (SELECT id FROM deadlines WHERE user_id = ?)',
    ),
    addVote: db.prepare('INSERT INTO feedback (user_id, useful, score, categories, at) VALUES (?, ?, ?, ?, ?)'),
    votes: db.prepare('SELECT SUM(useful) AS up, SUM(1 - useful) AS down FROM feedback'),
    forgetUser: db.prepare('DELETE FROM users WHERE user_id = ?'),
    forgetDeadlines: db.prepare('DELETE FROM deadlines WHERE user_id = ?'),
    forgetFeedback: db.prepare('DELETE FROM feedback WHERE user_id = ?'),
  };
  const insertReminders = (deadlineId: number, list: readonly PlannedReminder[]) => {
    for (const r of list) q.addReminder.run(deadlineId, r.fireAt, r.kind);
  };
  const owns = (id: number, userId: number) => q.owns.get(id, userId) !== undefined;

  const add = db.transaction((d: Parameters<Storage['deadlines']['add']>[0], list: readonly PlannedReminder[]) => {
    const info = q.addDeadline.run(d.userId, d.chatId, d.dueAt, d.label, d.tz, clock());
    const id = Number(info.lastInsertRowid);
    insertReminders(id, list);
    return toDeadline(q.getDeadline.get(id) as DeadlineRow);
  });
  const reschedule = db.transaction((id: number, userId: number, dueAt: number, list: readonly PlannedReminder[]) => {
    if (q.moveDeadline.run(dueAt, id, userId).changes === 0) return false;
    q.dropUnsent.run(id);
    insertReminders(id, list);
    return true;
  });
  const solve = db.transaction((id: number, userId: number) => {
    if (q.solveDeadline.run(id, userId).changes === 0) return false;
    q.dropUnsent.run(id);
    return true;
  });
  const forget = db.transaction((userId: number) => {
    q.forgetDeadlines.run(userId); // reminders go with them (ON DELETE CASCADE)
    q.forgetFeedback.run(userId);
    q.forgetUser.run(userId);
  });

  return {
    users: {
      get(userId) {
        const r = q.getUser.get(userId) as { lang: string | null; tz: string | null; blocked: number } | undefined;
        if (!r) return undefined;
        return { ...(isLang(r.lang) ? { lang: r.lang } : {}), ...(r.tz ? { tz: r.tz } : {}), blocked: r.blocked === 1 };
      },
      setLang: (userId, lang) => void q.upsertLang.run(userId, lang, clock()),
      setTz: (userId, tz) => void q.upsertTz.run(userId, tz, clock()),
      setBlocked: (userId, blocked) => void q.upsertBlocked.run(userId, blocked ? 1 : 0, clock()),
    },
    deadlines: {
      add: (d, list) => add(d, list),
      get(id) {
        const r = q.getDeadline.get(id) as DeadlineRow | undefined;
        return r ? toDeadline(r) : undefined;
      },
      listForUser: (userId) => (q.listForUser.all(userId) as DeadlineRow[]).map(toDeadline),
      remove: (id, userId) => q.removeDeadline.run(id, userId).changes > 0,
      reschedule: (id, userId, dueAt, list) => reschedule(id, userId, dueAt, list),
      solve: (id, userId) => solve(id, userId),
      addReminder(id, userId, r) {
        if (!owns(id, userId)) return false;
        insertReminders(id, [r]);
        return true;
      },
      due(now, limit) {
        const rows = q.due.all(now, limit) as Array<{
          id: number;
          deadline_id: number;
          fire_at: number;
          kind: Reminder['kind'];
          user_id: number;
          chat_id: number;
          due_at: number;
          label: string | null;
          tz: string;
        }>;
        return rows.map((r) => ({
          id: r.id,
          deadlineId: r.deadline_id,
          userId: r.user_id,
          chatId: r.chat_id,
          fireAt: r.fire_at,
          kind: r.kind,
          dueAt: r.due_at,
          label: r.label,
          tz: r.tz,
        }));
      },
      nextFireAt() {
        const r = q.next.get() as { t: number | null };
        return r.t ?? undefined;
      },
      markSent: (id, at) => void q.markSent.run(at, id),
      dropForUser: (userId) => q.dropForUser.run(userId).changes,
      countForUser: (userId) => (q.countForUser.get(userId) as { n: number }).n,
    },
    feedback: {
      add: (v) => void q.addVote.run(v.userId, v.useful ? 1 : 0, v.score, v.categories.join(','), v.at),
      counts() {
        const r = q.votes.get() as { up: number | null; down: number | null };
        return { useful: r.up ?? 0, notUseful: r.down ?? 0 };
      },
    },
    forgetUser: (userId) => forget(userId),
    close: () => db.close(),
  };
}
