/**
 * /check: the order advisor in a conversation. The situation may come in one line; whatever is missing is asked
 * for with buttons (delivery, dispute) or text (protection end, the seller's message).
 */
import type { Context, Telegraf } from 'telegraf';
import { advise } from '../../advisor/advise.js';
import { parseSituationText } from '../../advisor/parse-text.js';
import { DELIVERY, DISPUTE, type Situation } from '../../advisor/situation.js';
import { findWhen, parseWhen } from '../../deadline/parse-when.js';
import { viewPlan } from '../../present/plan.js';
import { viewVerdict } from '../../present/verdict.js';
import { formatWall } from '../../time/zone.js';
import { answerCallback, keyboard, say, send, st, tr, type Runtime } from '../context.js';
import { escapeHtml } from '../render.js';
import type { CheckDraft } from '../session.js';
import { handleWhen } from './deadline.js';

/** Asks for the next missing piece, or answers with the plan when nothing is missing. */
export async function continueCheck(rt: Runtime, ctx: Context, draft: CheckDraft): Promise<void> {
  const { user } = st(ctx);
  const pend = (step: 'delivery' | 'dispute' | 'ends' | 'message') => rt.sessions.setPending(user.chatId, { kind: 'check', step, draft });
  if (!draft.delivery) {
    pend('delivery');
    const b = DELIVERY.map((d) => ({ text: tr(rt, ctx, `delivery.${d}`), callback_data: `ck:d:${d}` }));
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'check.ask-delivery')), keyboard([b.slice(0, 2), b.slice(2, 4), b.slice(4)]));
    return;
  }
  if (!draft.dispute) {
    pend('dispute');
    const b = DISPUTE.map((d) => ({ text: tr(rt, ctx, `dispute.${d}`), callback_data: `ck:s:${d}` }));
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'check.ask-dispute')), keyboard([b.slice(0, 3), b.slice(3)]));
    return;
  }
  const skip = keyboard([[{ text: tr(rt, ctx, 'button.skip'), callback_data: 'ck:skip' }]]);
  if (draft.protectionEnds === undefined && !draft.endsAsked) {
    pend('ends');
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'check.ask-ends')), skip);
    return;
  }
  if (draft.sellerMessage === undefined && !draft.messageAsked) {
    pend('message');
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'check.ask-message')), skip);
    return;
  }
  rt.sessions.setPending(user.chatId, undefined);
  await answerPlan(rt, ctx, draft);
}

async function answerPlan(rt: Runtime, ctx: Context, draft: CheckDraft): Promise<void> {
  const { user } = st(ctx);
  const situation: Situation = {
    now: new Date(rt.clock()),
    delivery: draft.delivery!,
    dispute: draft.dispute!,
    ...(draft.protectionEnds !== undefined ? { protectionEnds: new Date(draft.protectionEnds) } : {}),
    ...(draft.sellerMessage ? { sellerMessage: draft.sellerMessage } : {}),
    tz: user.tz,
  };
  const verdict = draft.sellerMessage ? rt.engine.screen(draft.sellerMessage) : undefined;
  const plan = advise(situation, verdict);
  const view = viewPlan(rt.i18n, user.lang, plan, situation.protectionEnds, user.tz);
  const lines = [`<b>${escapeHtml(view.header)}</b>`, escapeHtml(view.days)];
  if (verdict) lines.push(escapeHtml(tr(rt, ctx, 'check.message-verdict', { headline: viewVerdict(rt.i18n, user.lang, verdict).headline })));
  lines.push('');
  if (view.steps.length === 0) lines.push(escapeHtml(tr(rt, ctx, 'check.nothing')));
  else {
    lines.push(`<b>${escapeHtml(tr(rt, ctx, 'check.steps'))}</b>`);
    view.steps.forEach((s, i) => lines.push(`${i + 1}. ${escapeHtml(s.advice)}\n   <i>${escapeHtml(s.reason)}</i>`));
  }
  if (view.warnings.length > 0) {
    lines.push('', `<b>${escapeHtml(tr(rt, ctx, 'check.warnings'))}</b>`);
    for (const w of view.warnings) lines.push(`⚠️ ${escapeHtml(w)}`);
  }
  const ends = situation.protectionEnds;
  const markup =
    ends && ends.getTime() > rt.clock()
      ? keyboard([[{ text: tr(rt, ctx, 'button.set-reminder', { date: formatWall(ends, user.tz).slice(0, 10) }), callback_data: `dl:s:${Math.floor(ends.getTime() / 1000)}` }]])
      : undefined;
  await send(rt, ctx, lines.join('\n'), markup);
}

/** A typed answer to the /check question `step`. */
export async function checkTextStep(rt: Runtime, ctx: Context, step: string, draft: CheckDraft, text: string): Promise<void> {
  const { user } = st(ctx);
  const now = new Date(rt.clock());
  if (step === 'ends') {
    const parsed = parseWhen(text, now, user.tz);
    const at = parsed.kind === 'ok' || parsed.kind === 'past' ? parsed.at : findWhen(text, now, user.tz)?.at;
    if (!at) {
      await say(rt, ctx, 'check.bad-date');
      return;
    }
    await continueCheck(rt, ctx, { ...draft, protectionEnds: at.getTime(), endsAsked: true });
    return;
  }
  if (step === 'message') {
    await continueCheck(rt, ctx, { ...draft, sellerMessage: text, messageAsked: true });
    return;
  }
  // a typed answer to a button question: read it like a one-line situation
  const more = parseSituationText(text, now, user.tz);
  await continueCheck(rt, ctx, {
    ...draft,
    ...(more.delivery ? { delivery: more.delivery } : {}),
    ...(more.dispute ? { dispute: more.dispute } : {}),
    ...(more.protectionEnds ? { protectionEnds: more.protectionEnds.getTime() } : {}),
  });
}

export function registerCheck(bot: Telegraf<Context>, rt: Runtime): void {
  bot.command('check', async (ctx) => {
    st(ctx).handler = 'check';
    const { user } = st(ctx);
    const parsed = parseSituationText(ctx.payload, new Date(rt.clock()), user.tz);
    const draft: CheckDraft = {
      ...(parsed.delivery ? { delivery: parsed.delivery } : {}),
      ...(parsed.dispute ? { dispute: parsed.dispute } : {}),
      ...(parsed.protectionEnds ? { protectionEnds: parsed.protectionEnds.getTime() } : {}),
      ...(parsed.sellerMessage ? { sellerMessage: parsed.sellerMessage } : {}),
      // a one-line situation is answered without asking for the optional parts
      ...(ctx.payload.trim() !== '' && parsed.delivery && parsed.dispute ? { endsAsked: true, messageAsked: true } : {}),
    };
    await continueCheck(rt, ctx, draft);
  });

  // "Check my order" under a screening reply
  bot.action(/^chk:([0-9a-z]{1,12})$/, async (ctx) => {
    st(ctx).handler = 'check-button';
    await answerCallback(rt, ctx);
    const text = rt.sessions.text(st(ctx).user.chatId, ctx.match[1]!);
    await continueCheck(rt, ctx, text ? { sellerMessage: text } : {});
  });

  bot.action(/^ck:(d|s):([a-z_]{2,20})$/, async (ctx) => {
    st(ctx).handler = 'check-step';
    await answerCallback(rt, ctx);
    const pending = rt.sessions.pending(st(ctx).user.chatId);
    const draft: CheckDraft = pending?.kind === 'check' ? { ...pending.draft } : {};
    const value = ctx.match[2]!;
    if (ctx.match[1] === 'd' && (DELIVERY as readonly string[]).includes(value)) draft.delivery = value as CheckDraft['delivery'];
    else if (ctx.match[1] === 's' && (DISPUTE as readonly string[]).includes(value)) draft.dispute = value as CheckDraft['dispute'];
    else return say(rt, ctx, 'error.stale-button');
    await continueCheck(rt, ctx, draft);
  });

  bot.action('ck:skip', async (ctx) => {
    st(ctx).handler = 'check-skip';
    await answerCallback(rt, ctx);
    const pending = rt.sessions.pending(st(ctx).user.chatId);
    if (pending?.kind !== 'check') return say(rt, ctx, 'error.stale-button');
    const draft = { ...pending.draft };
    if (pending.step === 'ends') draft.endsAsked = true;
    if (pending.step === 'message') draft.messageAsked = true;
    await continueCheck(rt, ctx, draft);
  });

  // "Remind me" under a plan, and "Remind me before protection ends" under a screening reply
  bot.action(/^dl:s:(\d{9,11})$/, async (ctx) => {
    st(ctx).handler = 'check-reminder';
    await answerCallback(rt, ctx);
    const at = new Date(Number(ctx.match[1]) * 1000);
    await handleWhen(rt, ctx, at.getTime() > rt.clock() ? { kind: 'ok', at, relative: false, label: null } : { kind: 'past', at });
  });
  bot.action('rem', async (ctx) => {
    st(ctx).handler = 'remind-button';
    await answerCallback(rt, ctx);
    rt.sessions.setPending(st(ctx).user.chatId, { kind: 'deadline-date' });
    await say(rt, ctx, 'reminder.ask-new-date');
  });
}
