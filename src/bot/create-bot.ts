/**
 * `createBot(token, deps)`: the telegraf bot with every feature registered in order, the "unsupported" feature
 * last. No global bot: `main`, the console mode and the tests each create their own.
 */
import { Telegraf, type Context } from 'telegraf';
import { parseWhen } from '../deadline/parse-when.js';
import type { Delivery } from '../deadline/scheduler.js';
import type { Reminder } from '../storage/types.js';
import { toScreeningRequest } from './adapter.js';
import { send, st, tr, type BotDeps, type Runtime } from './context.js';
import { registerBasics, registerCommands } from './features/basics.js';
import { checkTextStep, registerCheck } from './features/check.js';
import { handleWhen, registerDeadline, reminderButtons, reminderText } from './features/deadline.js';
import { groupEtiquette, logging, rateLimit, userSettings } from './features/middleware.js';
import { registerScreening, registerUnsupported } from './features/screen.js';
import { escapeHtml } from './render.js';
import { BlockedError, classify, withRetry } from './retry.js';
import { createSessions } from './session.js';

/** The bot and what `main` needs to run it. */
export interface BotApp {
  readonly bot: Telegraf<Context>;
  readonly runtime: Runtime;
  /** Registers the command list with Telegram, in every language. */
  registerCommands(): Promise<void>;
  /** Sends one reminder (for the scheduler). */
  deliverReminder(reminder: Reminder, late: boolean): Promise<Delivery>;
  /** Waits for updates and album answers still in progress. */
  drain(): Promise<void>;
}

export interface BotOptions {
  /** Bot API root (a local Bot API server, or a fake one in tests). */
  readonly apiRoot?: string;
}

/** Text sent while the bot waits for an answer (a date, a situation) goes to that conversation first. */
function registerPendingAnswers(bot: Telegraf<Context>, rt: Runtime): void {
  bot.on('message', async (ctx, next) => {
    const req = toScreeningRequest(ctx.update);
    const pending = rt.sessions.pending(st(ctx).user.chatId);
    if (!pending || !req || req.kind !== 'text' || req.text.startsWith('/')) return next();
    const { user } = st(ctx);
    if (pending.kind === 'check') {
      st(ctx).handler = 'check-answer';
      await checkTextStep(rt, ctx, pending.step, pending.draft, req.text);
      return;
    }
    const parsed = parseWhen(req.text, new Date(rt.clock()), user.tz);
    // a forwarded or long message that is not a date is a new message to screen
    if (parsed.kind === 'invalid' && (req.forwarded || req.text.length > 60)) {
      rt.sessions.setPending(user.chatId, undefined);
      return next();
    }
    st(ctx).handler = 'deadline-answer';
    await handleWhen(rt, ctx, parsed, pending.deadlineId);
  });
}

export function createBot(token: string, deps: BotDeps, options: BotOptions = {}): BotApp {
  const bot = new Telegraf<Context>(token, {
    handlerTimeout: 60_000,
    ...(options.apiRoot ? { telegram: { apiRoot: options.apiRoot } } : {}),
  });
  const rt: Runtime = { ...deps, sessions: createSessions(deps.clock, deps.memoryMinutes * 60_000) };
  const inFlight = new Set<Promise<unknown>>();

  bot.use(async (_ctx, next) => {
    const p = next();
    inFlight.add(p);
    try {
      await p;
    } finally {
      inFlight.delete(p);
    }
  });
  bot.use(logging(rt));
  bot.use(userSettings(rt));
  bot.use(groupEtiquette());
  bot.use(rateLimit(rt));
  registerBasics(bot, rt);
  registerDeadline(bot, rt);
  registerCheck(bot, rt);
  registerPendingAnswers(bot, rt);
  registerScreening(bot, rt, inFlight);
  registerUnsupported(bot, rt);
  // anything else (channel posts, member updates, unknown buttons) is acknowledged quietly
  bot.on('callback_query', async (ctx) => {
    st(ctx).handler = 'stale-button';
    await ctx.answerCbQuery(tr(rt, ctx, 'error.stale-button')).catch(() => undefined);
  });

  bot.catch(async (err, ctx) => {
    const log = (ctx.state as { log?: typeof rt.log }).log ?? rt.log;
    const { status } = classify(err);
    log.error({ err, status, handler: (ctx.state as { handler?: string }).handler }, 'update failed');
    if (!ctx.chat || err instanceof BlockedError || !(ctx.state as { user?: unknown }).user) return;
    try {
      await send(rt, ctx, escapeHtml(tr(rt, ctx, 'error.generic')));
    } catch (sendErr) {
      log.error({ err: sendErr }, 'apology could not be sent');
    }
  });

  return {
    bot,
    runtime: rt,
    registerCommands: () => registerCommands(bot, rt),
    async deliverReminder(r, late) {
      const prefs = rt.storage.users.get(r.userId);
      if (prefs?.blocked) return 'blocked';
      const lang = prefs?.lang ?? 'en';
      const text = reminderText(rt.i18n, lang, r, late, rt.clock());
      try {
        await withRetry(
          () => bot.telegram.sendMessage(r.chatId, escapeHtml(text), { parse_mode: 'HTML', reply_markup: reminderButtons(rt.i18n, lang, r.deadlineId) }),
          { sleep: rt.sleep, attempts: 3, onRetry: (info) => rt.log.warn({ reminder: r.id, ...info }, 'reminder send failed, retrying') },
        );
        return 'sent';
      } catch (err) {
        if (err instanceof BlockedError) return 'blocked';
        const { status, network } = classify(err);
        rt.log.warn({ reminder: r.id, status }, 'reminder not sent');
        return network || status === 429 || status >= 500 ? 'retry' : 'failed';
      }
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
