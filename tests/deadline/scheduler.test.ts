import { describe, expect, it } from 'vitest';
import { planReminders } from '../../src/deadline/plan.js';
import { createScheduler, type Delivery } from '../../src/deadline/scheduler.js';
import { createMemoryStorage } from '../../src/storage/memory.js';
import type { Reminder } from '../../src/storage/types.js';
import { FakeTimers } from '../support/fake-timers.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 11, 1);

function setup(outcome: (r: Reminder, n: number) => Delivery = () => 'sent') {
  const storage = createMemoryStorage();
  const timers = new FakeTimers(T0);
  const sent: Array<{ kind: string; late: boolean; at: number }> = [];
  let calls = 0;
  const scheduler = createScheduler({
    storage,
    timers,
    retryMs: 60_000,
    deliver: async (r, late) => {
      const result = outcome(r, calls++);
      if (result === 'sent') sent.push({ kind: r.kind, late, at: timers.now() });
      return result;
    },
  });
  return { storage, timers, sent, scheduler };
}

describe('planReminders', () => {
  it('plans one reminder per future offset and one at the deadline', () => {
    const due = T0 + 10 * D;
    expect(planReminders(due, T0, [7 * D, 2 * D, 12 * H])).toEqual([
      { fireAt: due - 7 * D, kind: 'week' },
      { fireAt: due - 2 * D, kind: 'two-days' },
      { fireAt: due - 12 * H, kind: 'last' },
      { fireAt: due, kind: 'at' },
    ]);
  });

  it('skips offsets already in the past', () => {
    const due = T0 + 1 * D;
    expect(planReminders(due, T0, [7 * D, 2 * D, 12 * H]).map((r) => r.kind)).toEqual(['last', 'at']);
    expect(planReminders(T0 - 1, T0, [7 * D])).toEqual([]);
  });
});

describe('scheduler', () => {
  it('sleeps until the next reminder and sends each once, in order', async () => {
    const { storage, timers, sent, scheduler } = setup();
    storage.deadlines.add({ userId: 1, chatId: 1, dueAt: T0 + 10 * D, label: null, tz: 'UTC' }, planReminders(T0 + 10 * D, T0, [7 * D, 2 * D, 12 * H]));
    scheduler.start();
    await timers.advance(0);
    expect(sent).toEqual([]);
    expect(timers.pending).toBe(1); // one timer, not a polling loop
    await timers.advance(3 * D);
    expect(sent.map((s) => s.kind)).toEqual(['week']);
    expect(sent[0]!.at).toBe(T0 + 3 * D);
    await timers.advance(7 * D);
    expect(sent.map((s) => s.kind)).toEqual(['week', 'two-days', 'last', 'at']);
    expect(sent.every((s) => !s.late)).toBe(true);
    await timers.advance(30 * D);
    expect(sent).toHaveLength(4);
    await scheduler.stop();
  });

  it('wakes up when a deadline is added while it sleeps', async () => {
    const { storage, timers, sent, scheduler } = setup();
    scheduler.start();
    await timers.advance(H / 2);
    storage.deadlines.add({ userId: 1, chatId: 1, dueAt: T0 + 2 * H, label: null, tz: 'UTC' }, [{ fireAt: T0 + H, kind: 'last' }]);
    scheduler.poke();
    expect(timers.nextAt).toBe(T0 + H);
    await timers.advance(H);
    expect(sent.map((s) => s.kind)).toEqual(['last']);
    await scheduler.stop();
  });

  it('sends reminders that fell due while it was down once, flagged late', async () => {
    const { storage, timers, sent, scheduler } = setup();
    storage.deadlines.add({ userId: 1, chatId: 1, dueAt: T0 - H, label: null, tz: 'UTC' }, [
      { fireAt: T0 - 2 * D, kind: 'two-days' },
      { fireAt: T0 - H, kind: 'at' },
    ]);
    scheduler.start();
    await timers.advance(0);
    expect(sent.map((s) => [s.kind, s.late])).toEqual([['two-days', true], ['at', true]]);
    await timers.advance(10 * D);
    expect(sent).toHaveLength(2);
    await scheduler.stop();
  });

  it('retries a transient failure later without blocking other reminders', async () => {
    const { storage, timers, sent, scheduler } = setup((r, n) => (r.chatId === 1 && n === 0 ? 'retry' : 'sent'));
    storage.deadlines.add({ userId: 1, chatId: 1, dueAt: T0 + 2 * H, label: null, tz: 'UTC' }, [{ fireAt: T0 + H, kind: 'last' }]);
    storage.deadlines.add({ userId: 2, chatId: 2, dueAt: T0 + 2 * H, label: null, tz: 'UTC' }, [{ fireAt: T0 + H, kind: 'last' }]);
    scheduler.start();
    await timers.advance(H);
    expect(sent).toHaveLength(1);
    await timers.advance(60_000);
    expect(sent).toHaveLength(2);
    await scheduler.stop();
  });

  it('stops writing to a user who blocked the bot', async () => {
    const { storage, timers, sent, scheduler } = setup(() => 'blocked');
    storage.deadlines.add({ userId: 7, chatId: 7, dueAt: T0 + 3 * H, label: null, tz: 'UTC' }, [
      { fireAt: T0 + H, kind: 'last' },
      { fireAt: T0 + 3 * H, kind: 'at' },
    ]);
    scheduler.start();
    await timers.advance(5 * H);
    expect(sent).toEqual([]);
    expect(storage.users.get(7)?.blocked).toBe(true);
    expect(storage.deadlines.nextFireAt()).toBeUndefined();
    await scheduler.stop();
  });

  it('does not fire after stop', async () => {
    const { storage, timers, sent, scheduler } = setup();
    storage.deadlines.add({ userId: 1, chatId: 1, dueAt: T0 + 2 * H, label: null, tz: 'UTC' }, [{ fireAt: T0 + H, kind: 'last' }]);
    scheduler.start();
    await scheduler.stop();
    await timers.advance(5 * H);
    expect(sent).toEqual([]);
  });
});
