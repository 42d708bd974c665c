/** /deadline, /deadlines, /tz, the reminder buttons, and the reminder messages the scheduler sends. */
import type { Context, Telegraf } from 'telegraf';
import type { Lang } from '../../core/languages.js';
import { planReminders } from '../../deadline/plan.js';
import { parseWhen, type WhenResult } from '../../deadline/parse-when.js';
import type { I18n } from '../../i18n.js';
import { formatLeft } from '../../present/time.js';
import type { Deadline, Reminder } from '../../storage/types.js';
import { formatWall, isValidTimeZone } from '../../time/zone.js';
import { answerCallback, keyboard, say, send, st, tr, type Runtime } from '../context.js';
import { escapeHtml } from '../render.js';

/** Most active deadlines one user can keep. */
export const MAX_DEADLINES = 50;
const DAY = 86_400_000;

const labelPart = (label: string | null | undefined) => (label ? ` (${label})` : '');

/** The text of a reminder, in the user's language. */
export function reminderText(i18n: I18n, lang: Lang, r: Reminder, late: boolean, now: number): string {
  const params = { label: labelPart(r.label), left: formatLeft(i18n, lang, Math.max(0, r.dueAt - now)), date: formatWall(new Date(r.dueAt), r.tz) };
  const key = r.kind === 'snooze' ? (r.dueAt - now > 2 * DAY ? 'week' : r.dueAt - now > 0.75 * DAY ? 'two-days' : 'last') : r.kind;
  const text = i18n.t(lang, `reminder.${r.dueAt <= now ? 'at' : key}`, params);
  return late ? `${text}\n${i18n.t(lang, 'reminder.late')}` : text;
}

/** Buttons under a reminder. */
export function reminderButtons(i18n: I18n, lang: Lang, deadlineId: number) {
  return keyboard([
    [{ text: i18n.t(lang, 'button.extended'), callback_data: `rm:ext:${deadlineId}` }],
    [
      { text: i18n.t(lang, 'button.solved'), callback_data: `rm:ok:${deadlineId}` },
      { text: i18n.t(lang, 'button.snooze'), callback_data: `rm:zz:${deadlineId}` },
    ],
  ]);
}

/** Saves (or moves) a deadline and confirms with the absolute date and the reminder schedule. */
async function save(rt: Runtime, ctx: Context, at: Date, label: string | null, deadlineId?: number): Promise<void> {
  const { user } = st(ctx);
  const now = rt.clock();
  const reminders = planReminders(at.getTime(), now, rt.offsets);
  if (deadlineId !== undefined) {
    if (!rt.storage.deadlines.reschedule(deadlineId, user.id, at.getTime(), reminders)) {
      await say(rt, ctx, 'error.stale-button');
      return;
    }
    label = rt.storage.deadlines.get(deadlineId)?.label ?? label;
  } else {
    if (rt.storage.deadlines.countForUser(user.id) >= MAX_DEADLINES) {
      await say(rt, ctx, 'deadline.too-many', { n: MAX_DEADLINES });
      return;
    }
    rt.storage.deadlines.add({ userId: user.id, chatId: user.chatId, dueAt: at.getTime(), label, tz: user.tz }, reminders);
  }
  rt.onDeadlinesChanged?.();
  const schedule = reminders.length > 1
    ? reminders.filter((r) => r.kind !== 'at').map((r) => formatWall(new Date(r.fireAt), user.tz)).join(', ')
    : tr(rt, ctx, 'deadline.schedule-none');
  await send(rt, ctx, escapeHtml(tr(rt, ctx, 'deadline.saved', { date: formatWall(at, user.tz), tz: user.tz, label: labelPart(label), schedule })));
}

/** Answers a parsed `<when>`: saves it, asks about an ambiguous date, or explains the problem. */
export async function handleWhen(rt: Runtime, ctx: Context, result: WhenResult, deadlineId?: number): Promise<boolean> {
  const { user } = st(ctx);
  switch (result.kind) {
    case 'ok':
      rt.sessions.setPending(user.chatId, undefined);
      await save(rt, ctx, result.at, result.label, deadlineId);
      return true;
    case 'ambiguous': {
      const [a, b] = result.options;
      rt.sessions.setPending(user.chatId, { kind: 'deadline-date', ...(deadlineId !== undefined ? { deadlineId } : {}), label: result.label });
      const day = (d: Date) => formatWall(d, user.tz).slice(0, 10);
      await send(
        rt,
        ctx,
        escapeHtml(tr(rt, ctx, 'deadline.ambiguous', { input: result.input, a: day(a), b: day(b) })),
        keyboard([[{ text: day(a), callback_data: `dl:a:${a.getTime() / 1000}` }, { text: day(b), callback_data: `dl:a:${b.getTime() / 1000}` }]]),
      );
      return true;
    }
    case 'past':
      await send(rt, ctx, escapeHtml(tr(rt, ctx, 'deadline.past', { date: formatWall(result.at, user.tz) })));
      return false;
    case 'too-far':
      await say(rt, ctx, 'deadline.too-far');
      return false;
    case 'invalid':
      await say(rt, ctx, 'deadline.invalid', { input: result.input });
      return false;
    case 'empty':
      await say(rt, ctx, 'deadline.usage');
      return false;
  }
}

/** Lists the user's deadlines with edit and delete buttons. */
async function list(rt: Runtime, ctx: Context): Promise<void> {
  const { user } = st(ctx);
  const items = rt.storage.deadlines.listForUser(user.id);
  if (items.length === 0) {
    await say(rt, ctx, 'deadline.none');
    return;
  }
  const now = rt.clock();
  const lines = [`<b>${escapeHtml(tr(rt, ctx, 'deadline.list-header'))}</b>`];
  const rows = items.map((d, i) => {
    const left = d.dueAt > now ? formatLeft(rt.i18n, user.lang, d.dueAt - now) : tr(rt, ctx, 'deadline.ended');
    lines.push(escapeHtml(tr(rt, ctx, 'deadline.item', { n: i + 1, date: formatWall(new Date(d.dueAt), user.tz), label: labelPart(d.label), left })));
    return [
      { text: `${i + 1}. ${tr(rt, ctx, 'button.edit')}`, callback_data: `dl:e:${d.id}` },
      { text: `${i + 1}. ${tr(rt, ctx, 'button.delete')}`, callback_data: `dl:x:${d.id}` },
    ];
  });
  await send(rt, ctx, lines.join('\n'), keyboard(rows.slice(0, 20)));
}

/** The user's own deadline `id`; anything else (another user's, a deleted one) gets "this button has expired". */
async function ownDeadline(rt: Runtime, ctx: Context, id: number): Promise<Deadline | undefined> {
  const d = rt.storage.deadlines.get(id);
  if (d && d.userId === st(ctx).user.id) return d;
  await say(rt, ctx, 'error.stale-button');
  return undefined;
}

export function registerDeadline(bot: Telegraf<Context>, rt: Runtime): void {
  bot.command('deadline', async (ctx) => {
    st(ctx).handler = 'deadline';
    const { user } = st(ctx);
    const payload = ctx.payload.trim();
    if (payload === '') {
      rt.sessions.setPending(user.chatId, { kind: 'deadline-date' });
      await say(rt, ctx, 'deadline.usage');
      return;
    }
    await handleWhen(rt, ctx, parseWhen(payload, new Date(rt.clock()), user.tz));
  });

  bot.command('deadlines', async (ctx) => {
    st(ctx).handler = 'deadlines';
    await list(rt, ctx);
  });

  bot.command('tz', async (ctx) => {
    st(ctx).handler = 'tz';
    const { user } = st(ctx);
    const arg = ctx.payload.trim();
    if (arg === '') {
      await say(rt, ctx, 'tz.current', { tz: user.tz });
      return;
    }
    const tz = arg.toUpperCase() === 'UTC' ? 'UTC' : arg;
    if (!isValidTimeZone(tz) || tz.length > 64) {
      await send(rt, ctx, escapeHtml(tr(rt, ctx, 'tz.invalid', { input: arg.slice(0, 64) })));
      return;
    }
    rt.storage.users.setTz(user.id, tz);
    user.tz = tz;
    await say(rt, ctx, 'tz.set', { tz });
  });

  // ambiguous date chosen
  bot.action(/^dl:a:(\d{9,11})$/, async (ctx) => {
    st(ctx).handler = 'deadline-choice';
    await answerCallback(rt, ctx);
    const { user } = st(ctx);
    const pending = rt.sessions.pending(user.chatId);
    const at = new Date(Number(ctx.match[1]) * 1000);
    const label = pending?.kind === 'deadline-date' ? (pending.label ?? null) : null;
    const id = pending?.kind === 'deadline-date' ? pending.deadlineId : undefined;
    await handleWhen(rt, ctx, at.getTime() > rt.clock() ? { kind: 'ok', at, relative: false, label } : { kind: 'past', at }, id);
  });

  bot.action(/^dl:([ex]):(\d{1,12})$/, async (ctx) => {
    st(ctx).handler = 'deadline-button';
    await answerCallback(rt, ctx);
    const { user } = st(ctx);
    const id = Number(ctx.match[2]);
    const d = await ownDeadline(rt, ctx, id);
    if (!d) return;
    if (ctx.match[1] === 'x') {
      rt.storage.deadlines.remove(id, user.id);
      rt.onDeadlinesChanged?.();
      await say(rt, ctx, 'deadline.deleted');
      return;
    }
    rt.sessions.setPending(user.chatId, { kind: 'deadline-date', deadlineId: id, label: d.label });
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'deadline.edit-ask', { label: labelPart(d.label) })));
  });

  // buttons under a reminder
  bot.action(/^rm:(ext|ok|zz):(\d{1,12})$/, async (ctx) => {
    st(ctx).handler = 'reminder-button';
    await answerCallback(rt, ctx);
    const { user } = st(ctx);
    const id = Number(ctx.match[2]);
    const d = await ownDeadline(rt, ctx, id);
    if (!d) return;
    if (ctx.match[1] === 'ext') {
      rt.sessions.setPending(user.chatId, { kind: 'deadline-date', deadlineId: id, label: d.label });
      await say(rt, ctx, 'reminder.ask-new-date');
    } else if (ctx.match[1] === 'ok') {
      rt.storage.deadlines.solve(id, user.id);
      rt.onDeadlinesChanged?.();
      await send(rt, ctx, escapeHtml(tr(rt, ctx, 'reminder.solved', { label: labelPart(d.label) })));
    } else {
      const at = rt.clock() + DAY;
      rt.storage.deadlines.addReminder(id, user.id, { fireAt: at, kind: 'snooze' });
      rt.onDeadlinesChanged?.();
      await send(rt, ctx, escapeHtml(tr(rt, ctx, 'reminder.snoozed', { date: formatWall(new Date(at), user.tz) })));
    }
  });
}
