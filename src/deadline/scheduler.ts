/**
 * Sends due reminders. It sleeps until the next reminder is due (one timer, no polling), wakes when a deadline is
 * added or changed, and marks a reminder sent only after Telegram accepted it, so a reminder that fell due while
 * the bot was down is sent once after restart (flagged late).
 */
import type { Logger } from '../logger.js';
import type { Reminder, Storage } from '../storage/types.js';

/** What happened to one reminder. */
export type Delivery = 'sent' | 'blocked' | 'failed' | 'retry';

/** Timers, injectable so tests run on fake time. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SchedulerOptions {
  readonly storage: Storage;
  readonly timers: Timers;
  /** Sends one reminder; `late` when it is sent well after it fell due. */
  readonly deliver: (reminder: Reminder, late: boolean) => Promise<Delivery>;
  readonly log?: Logger;
  /** A reminder sent this long after its time is flagged late. */
  readonly lateAfterMs?: number;
  /** Wait before trying again after a transient failure. */
  readonly retryMs?: number;
  readonly batch?: number;
}

export interface Scheduler {
  start(): void;
  /** Re-reads the next due time (after a deadline was added, moved or deleted). */
  poke(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Longest single timer: setTimeout overflows past 2^31-1 ms; waking hourly also corrects for clock jumps. */
const MAX_SLEEP = 3_600_000;

export function createScheduler(o: SchedulerOptions): Scheduler {
  const lateAfter = o.lateAfterMs ?? 5 * 60_000;
  const retryMs = o.retryMs ?? 30_000;
  const batch = o.batch ?? 50;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let stopped = true;
  let again = false;
  const backoffUntil = new Map<number, number>();

  const arm = (delay: number) => {
    if (timer !== undefined) o.timers.clearTimeout(timer);
    timer = o.timers.setTimeout(() => {
      timer = undefined;
      void tick();
    }, Math.max(0, Math.min(delay, MAX_SLEEP)));
  };

  const planNext = () => {
    if (stopped) return;
    const next = o.storage.deadlines.nextFireAt();
    const now = o.timers.now();
    if (next === undefined) {
      arm(MAX_SLEEP);
      return;
    }
    let at = next;
    if (next <= now && backoffUntil.size > 0) at = Math.min(...backoffUntil.values());
    arm(at - now);
  };

  async function run(): Promise<void> {
    const now = o.timers.now();
    const due = o.storage.deadlines.due(now, batch + backoffUntil.size);
    let handled = 0;
    for (const r of due) {
      if (stopped) break;
      if ((backoffUntil.get(r.id) ?? 0) > now) continue;
      handled++;
      let result: Delivery;
      try {
        result = await o.deliver(r, now - r.fireAt > lateAfter);
      } catch (err) {
        o.log?.error({ err, reminder: r.id }, 'reminder delivery threw');
        result = 'retry';
      }
      if (result === 'sent' || result === 'failed') {
        o.storage.deadlines.markSent(r.id, o.timers.now());
        backoffUntil.delete(r.id);
        if (result === 'failed') o.log?.warn({ reminder: r.id, chat: r.chatId }, 'reminder could not be delivered, dropped');
      } else if (result === 'blocked') {
        o.storage.users.setBlocked(r.userId, true);
        const dropped = o.storage.deadlines.dropForUser(r.userId);
        o.log?.info({ user: r.userId, dropped }, 'user blocked the bot: reminders dropped');
      } else {
        backoffUntil.set(r.id, o.timers.now() + retryMs);
      }
      if (handled >= batch) {
        again = true;
        break;
      }
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await run();
        } catch (err) {
          o.log?.error({ err }, 'scheduler run failed');
        }
      } while (again && !stopped);
    })();
    await running;
    running = undefined;
    planNext();
  }

  return {
    start() {
      stopped = false;
      arm(0);
    },
    poke() {
      if (stopped) return;
      if (running) again = true;
      else planNext();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) o.timers.clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
