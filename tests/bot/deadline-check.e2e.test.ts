/** End-to-end: /deadline, /deadlines, /tz, reminders and their buttons, and /check. */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, startHarness, textOf, type Harness } from '../support/bot-harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const DAY = 86_400_000;
/** Sends a line and returns the next reply. */
async function say(text: string, userId = 1001) {
  const m = h.mark();
  h.text(text, { userId });
  return h.reply(userId, m);
}
async function press(data: string, userId = 1001) {
  const m = h.mark();
  h.press(data, { userId });
  return h.reply(userId, m);
}

describe('/deadline', () => {
  it('saves a date with a label and repeats the absolute date and the schedule', async () => {
    h = await startHarness();
    const year = new Date().getUTCFullYear() + 1;
    const text = textOf(await say(`/deadline ${year}-01-15 order 8123`));
    expect(text).toContain(`${year}-01-15 23:59 (UTC) (order 8123)`);
    expect(text).toContain(`${year}-01-08 23:59`);
    const [d] = h.storage.deadlines.listForUser(1001);
    expect(d).toMatchObject({ label: 'order 8123', tz: 'UTC' });
    expect(h.storage.deadlines.nextFireAt()).toBe(d!.dueAt - 7 * DAY);
  });

  it('reads relative durations exactly from now, in several languages', async () => {
    h = await startHarness();
    for (const [input, ms] of [['36h', 36 * 3_600_000], ['через 12 дней', 12 * DAY], ['dans 2 semaines', 14 * DAY]] as const) {
      const before = Date.now();
      await say(`/deadline ${input}`);
      const due = h.storage.deadlines.listForUser(1001).map((d) => d.dueAt).find((t) => Math.abs(t - (before + ms)) < 5000);
      expect(due, input).toBeDefined();
    }
  });

  it('asks about an ambiguous date and saves the chosen one', async () => {
    h = await startHarness();
    const reply = await say('/deadline 3/4 parcel');
    expect(textOf(reply)).toContain('Is 3/4 the');
    const options = buttonsOf(reply);
    expect(options).toHaveLength(2);
    const saved = await press(options[1]!);
    expect(textOf(saved)).toContain('(parcel)');
    expect(h.storage.deadlines.listForUser(1001)).toHaveLength(1);
  });

  it('explains past dates and nonsense with an example', async () => {
    h = await startHarness();
    expect(textOf(await say('/deadline 2020-01-01'))).toContain('already passed');
    expect(textOf(await say('/deadline banana'))).toContain('Examples');
    expect(textOf(await say('/deadline'))).toContain('Usage');
    expect(h.storage.deadlines.listForUser(1001)).toEqual([]);
  });

  it('uses the time zone set with /tz and refuses unknown zones', async () => {
    h = await startHarness();
    expect(textOf(await say('/tz Mars/Olympus'))).toContain('Unknown time zone');
    expect(textOf(await say('/tz Europe/Moscow'))).toContain('Europe/Moscow');
    const year = new Date().getUTCFullYear() + 1;
    await say(`/deadline ${year}-02-10`);
    const [d] = h.storage.deadlines.listForUser(1001);
    expect(new Date(d!.dueAt).toISOString()).toBe(`${year}-02-10T20:59:59.000Z`);
  });

  it('lists deadlines and lets the owner edit and delete them, no one else', async () => {
    h = await startHarness();
    await say('/deadline 20d first');
    await say('/deadline 30d second');
    const list = await say('/deadlines');
    expect(textOf(list)).toContain('first');
    const [edit, del] = buttonsOf(list);
    expect(textOf(await press(del!, 2002))).toContain('expired');
    expect(h.storage.deadlines.listForUser(1001)).toHaveLength(2);
    expect(textOf(await press(edit!))).toContain('Send the new protection end date');
    const moved = await say('25d');
    expect(textOf(moved)).toContain('(first)');
    expect(textOf(await press(del!))).toBe('Deleted.');
    expect(h.storage.deadlines.listForUser(1001).map((d) => d.label)).toEqual(['second']);
  });
});

describe('reminders', () => {
  it('sends a reminder with its buttons, and "Solved" stops the rest', async () => {
    h = await startHarness();
    const d = h.storage.deadlines.add({ userId: 1001, chatId: 1001, dueAt: Date.now() + 1.5 * DAY, label: 'order 7', tz: 'UTC' }, [
      { fireAt: Date.now() - 1000, kind: 'two-days' },
      { fireAt: Date.now() + DAY, kind: 'last' },
    ]);
    const [r] = h.storage.deadlines.due(Date.now(), 10);
    expect(await h.app.deliverReminder(r!, false)).toBe('sent');
    const sent = await h.reply();
    expect(textOf(sent)).toContain('(order 7) ends in 1 d 12 h');
    expect(buttonsOf(sent)).toEqual([`rm:ext:${d.id}`, `rm:ok:${d.id}`, `rm:zz:${d.id}`]);
    expect(textOf(await press(`rm:ok:${d.id}`))).toContain('Reminders stopped');
    expect(h.storage.deadlines.due(Date.now() + 2 * DAY, 10)).toEqual([]);
  });

  it('snoozes for a day and takes a new date after "Protection was extended"', async () => {
    h = await startHarness();
    const d = h.storage.deadlines.add({ userId: 1001, chatId: 1001, dueAt: Date.now() + 3 * DAY, label: null, tz: 'UTC' }, []);
    expect(textOf(await press(`rm:zz:${d.id}`))).toContain('I will remind you again');
    expect(h.storage.deadlines.nextFireAt()).toBeGreaterThan(Date.now() + DAY - 5000);
    expect(textOf(await press(`rm:ext:${d.id}`))).toContain('new protection end date');
    await say('20d');
    expect(h.storage.deadlines.get(d.id)!.dueAt).toBeGreaterThan(Date.now() + 19 * DAY);
  });

  it('flags a late reminder', async () => {
    h = await startHarness();
    h.storage.deadlines.add({ userId: 1001, chatId: 1001, dueAt: Date.now() - 1000, label: null, tz: 'UTC' }, [{ fireAt: Date.now() - DAY, kind: 'at' }]);
    const [r] = h.storage.deadlines.due(Date.now(), 10);
    await h.app.deliverReminder(r!, true);
    const text = textOf(await h.reply());
    expect(text).toContain('has ended');
    expect(text).toContain('This reminder is late');
  });
});

describe('/check', () => {
  it('answers a one-line situation with steps, reasons and warnings', async () => {
    h = await startHarness();
    const ends = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const reply = await say(`/check not received, dispute open, protection ends ${ends}, seller says please cancel the dispute, I send new one`);
    const text = textOf(reply);
    expect(text).toMatch(/Your order · risk: 🔴 high/);
    expect(text).toContain('Do not close or cancel the dispute');
    expect(text).toContain('Careful, these clicks cannot be undone');
    expect(buttonsOf(reply)[0]).toMatch(/^dl:s:\d+$/);
  });

  it('asks for what is missing with buttons, then answers', async () => {
    h = await startHarness();
    const q1 = await say('/check');
    expect(textOf(q1)).toContain('Has the item arrived?');
    expect(buttonsOf(q1)).toContain('ck:d:not_received');
    const q2 = await press('ck:d:not_received');
    expect(buttonsOf(q2)).toContain('ck:s:none');
    expect(textOf(await press('ck:s:none'))).toContain('When does buyer protection end?');
    expect(textOf(await say('1d'))).toContain("seller's latest message");
    const plan = textOf(await press('ck:skip'));
    expect(plan).toContain('Open a dispute now');
    expect(plan).toMatch(/risk: 🔴 high/);
  });

  it('starts from the "Check my order" button with the screened message filled in', async () => {
    h = await startHarness();
    const screened = await say('I refund you by PayPal, please close the dispute');
    const chk = buttonsOf(screened).find((b) => b.startsWith('chk:'))!;
    await press(chk);
    await press('ck:d:defective');
    await press('ck:s:open');
    const plan = textOf(await press('ck:skip'));
    expect(plan).toContain('Refuse refunds or payments outside the platform');
    expect(plan).toContain("Seller's message:");
  });

  it('sets the reminder from the plan', async () => {
    h = await startHarness();
    const ends = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const reply = await say(`/check not received, dispute open, protection ends ${ends}`);
    const saved = await press(buttonsOf(reply)[0]!);
    expect(textOf(saved)).toContain(`Saved: buyer protection ends ${ends}`);
  });
});
