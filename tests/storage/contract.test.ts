/** One contract, run against every storage implementation. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/storage/memory.js';
import { createSqliteStorage, MIGRATIONS, migrate, openDatabase } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';

const implementations: Array<[string, () => Storage]> = [
  ['memory', () => createMemoryStorage()],
  ['sqlite', () => createSqliteStorage(openDatabase(':memory:'), () => 0)],
];

const H = 3_600_000;
const base = { userId: 1, chatId: 10, label: 'order 1', tz: 'UTC' };

describe.each(implementations)('%s storage', (_name, make) => {
  it('remembers language, time zone and blocked state per user', () => {
    const s = make();
    expect(s.users.get(1)).toBeUndefined();
    s.users.setLang(1, 'fr');
    s.users.setTz(1, 'Europe/Paris');
    expect(s.users.get(1)).toEqual({ lang: 'fr', tz: 'Europe/Paris', blocked: false });
    s.users.setBlocked(1, true);
    expect(s.users.get(1)?.blocked).toBe(true);
    expect(s.users.get(2)).toBeUndefined();
  });

  it('returns due reminders oldest first, and only unsent ones', () => {
    const s = make();
    const d = s.deadlines.add({ ...base, dueAt: 100 * H }, [
      { fireAt: 90 * H, kind: 'two-days' },
      { fireAt: 50 * H, kind: 'week' },
      { fireAt: 100 * H, kind: 'at' },
    ]);
    expect(s.deadlines.nextFireAt()).toBe(50 * H);
    expect(s.deadlines.due(10 * H, 10)).toEqual([]);
    const due = s.deadlines.due(95 * H, 10);
    expect(due.map((r) => r.kind)).toEqual(['week', 'two-days']);
    expect(due[0]).toMatchObject({ deadlineId: d.id, userId: 1, chatId: 10, dueAt: 100 * H, label: 'order 1', tz: 'UTC' });
    s.deadlines.markSent(due[0]!.id, 95 * H);
    expect(s.deadlines.due(95 * H, 10).map((r) => r.kind)).toEqual(['two-days']);
    expect(s.deadlines.nextFireAt()).toBe(90 * H);
    expect(s.deadlines.due(200 * H, 1)).toHaveLength(1);
  });

  it('lets a user touch only their own deadlines', () => {
    const s = make();
    const d = s.deadlines.add({ ...base, dueAt: 10 * H }, [{ fireAt: 5 * H, kind: 'last' }]);
    expect(s.deadlines.remove(d.id, 2)).toBe(false);
    expect(s.deadlines.solve(d.id, 2)).toBe(false);
    expect(s.deadlines.reschedule(d.id, 2, 20 * H, [])).toBe(false);
    expect(s.deadlines.addReminder(d.id, 2, { fireAt: 6 * H, kind: 'snooze' })).toBe(false);
    expect(s.deadlines.listForUser(1)).toHaveLength(1);
    expect(s.deadlines.remove(d.id, 1)).toBe(true);
    expect(s.deadlines.listForUser(1)).toEqual([]);
    expect(s.deadlines.due(100 * H, 10)).toEqual([]);
  });

  it('replaces unsent reminders when a deadline moves and keeps sent ones sent', () => {
    const s = make();
    const d = s.deadlines.add({ ...base, dueAt: 10 * H }, [
      { fireAt: 2 * H, kind: 'week' },
      { fireAt: 8 * H, kind: 'last' },
    ]);
    s.deadlines.markSent(s.deadlines.due(3 * H, 10)[0]!.id, 3 * H);
    expect(s.deadlines.reschedule(d.id, 1, 40 * H, [{ fireAt: 30 * H, kind: 'two-days' }])).toBe(true);
    expect(s.deadlines.get(d.id)?.dueAt).toBe(40 * H);
    expect(s.deadlines.due(100 * H, 10).map((r) => r.kind)).toEqual(['two-days']);
  });

  it('stops reminders of a solved deadline and lists it no more', () => {
    const s = make();
    const d = s.deadlines.add({ ...base, dueAt: 10 * H }, [{ fireAt: 8 * H, kind: 'last' }]);
    expect(s.deadlines.solve(d.id, 1)).toBe(true);
    expect(s.deadlines.due(100 * H, 10)).toEqual([]);
    expect(s.deadlines.nextFireAt()).toBeUndefined();
    expect(s.deadlines.listForUser(1)).toEqual([]);
    expect(s.deadlines.countForUser(1)).toBe(0);
  });

  it('adds a snooze reminder', () => {
    const s = make();
    const d = s.deadlines.add({ ...base, dueAt: 10 * H }, []);
    expect(s.deadlines.addReminder(d.id, 1, { fireAt: 4 * H, kind: 'snooze' })).toBe(true);
    expect(s.deadlines.due(5 * H, 10).map((r) => r.kind)).toEqual(['snooze']);
  });

  it('drops the unsent reminders of a user who blocked the bot', () => {
    const s = make();
    s.deadlines.add({ ...base, dueAt: 10 * H }, [{ fireAt: 8 * H, kind: 'last' }, { fireAt: 9 * H, kind: 'at' }]);
    s.deadlines.add({ ...base, userId: 2, chatId: 20, dueAt: 10 * H }, [{ fireAt: 8 * H, kind: 'last' }]);
    expect(s.deadlines.dropForUser(1)).toBe(2);
    expect(s.deadlines.due(100 * H, 10).map((r) => r.userId)).toEqual([2]);
  });

  it('counts feedback votes', () => {
    const s = make();
    s.feedback.add({ userId: 1, useful: true, score: 80, categories: ['close_dispute'], at: 1 });
    s.feedback.add({ userId: 2, useful: false, score: 10, categories: [], at: 2 });
    s.feedback.add({ userId: 1, useful: true, score: 50, categories: [], at: 3 });
    expect(s.feedback.counts()).toEqual({ useful: 2, notUseful: 1 });
  });

  it('forgets everything about one user and nothing about others', () => {
    const s = make();
    s.users.setLang(1, 'ru');
    s.users.setLang(2, 'de');
    s.deadlines.add({ ...base, dueAt: 10 * H }, [{ fireAt: 8 * H, kind: 'last' }]);
    s.deadlines.add({ ...base, userId: 2, chatId: 20, dueAt: 10 * H }, [{ fireAt: 8 * H, kind: 'last' }]);
    s.feedback.add({ userId: 1, useful: true, score: 80, categories: [], at: 1 });
    s.feedback.add({ userId: 2, useful: true, score: 80, categories: [], at: 1 });
    s.forgetUser(1);
    expect(s.users.get(1)).toBeUndefined();
    expect(s.deadlines.listForUser(1)).toEqual([]);
    expect(s.deadlines.due(100 * H, 10).map((r) => r.userId)).toEqual([2]);
    expect(s.feedback.counts()).toEqual({ useful: 1, notUseful: 0 });
    expect(s.users.get(2)?.lang).toBe('de');
  });
});

describe('sqlite migrations', () => {
  it('run once, and the data survives reopening the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-db-'));
    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const s = createSqliteStorage(db);
    s.deadlines.add({ ...base, dueAt: 10 * H }, [{ fireAt: 8 * H, kind: 'last' }]);
    s.close();
    const again = openDatabase(dir);
    expect(migrate(again)).toBe(0);
    expect(createSqliteStorage(again).deadlines.due(100 * H, 10)).toHaveLength(1);
    again.close();
  });

  it('refuses a database from a newer program', () => {
    const db = openDatabase(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this program/);
  });
});
