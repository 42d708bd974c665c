/** The first middlewares: per-update logger and timing, user settings, group etiquette, rate limit. */
import type { Context, MiddlewareFn } from 'telegraf';
import { isLang, type Lang } from '../../core/languages.js';
import { send, st, tr, type Runtime } from '../context.js';

/** A child logger per update with ids (never the text), and the duration when done. */
export function logging(rt: Runtime): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const started = performance.now();
    const log = rt.log.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id });
    (ctx.state as { log: unknown }).log = log;
    (ctx.state as { handler: string }).handler = 'none';
    try {
      await next();
    } finally {
      const duration_ms = Math.round((performance.now() - started) * 10) / 10;
      log.info({ handler: st(ctx).handler, duration_ms, type: ctx.updateType }, 'update handled');
    }
  };
}

/** The language for a Telegram language_code such as `pt-BR`. */
export function langFromCode(code: string | undefined): Lang | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  if (base === 'uk' || base === 'be' || base === 'kk') return 'ru';
  return isLang(base) ? base : undefined;
}

/** Resolves the user's language (stored, else Telegram's, else English) and time zone. */
export function userSettings(rt: Runtime): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const id = ctx.from?.id ?? ctx.chat?.id ?? 0;
    const stored = rt.storage.users.get(id);
    // a user who writes to the bot has unblocked it
    if (stored?.blocked) rt.storage.users.setBlocked(id, false);
    (ctx.state as { user: unknown }).user = {
      id,
      chatId: ctx.chat?.id ?? id,
      lang: stored?.lang ?? langFromCode(ctx.from?.language_code) ?? 'en',
      tz: stored?.tz ?? rt.defaultTz,
    };
    await next();
  };
}

/** In groups, only commands, mentions of the bot and replies to it are handled. */
export function groupEtiquette(): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (!ctx.chat || ctx.chat.type === 'private' || ctx.callbackQuery) return next();
    const msg = (ctx.message ?? ctx.editedMessage) as
      | { text?: string; caption?: string; reply_to_message?: { from?: { id: number } } }
      | undefined;
    if (!msg) return;
    const me = ctx.botInfo;
    const text = msg.text ?? msg.caption ?? '';
    const command = /^\/(\w+)(@(\w+))?/.exec(text);
    if (command) {
      if (command[3] && me && command[3].toLowerCase() !== me.username.toLowerCase()) return;
      return next();
    }
    const mentioned = me !== undefined && text.toLowerCase().includes(`@${me.username.toLowerCase()}`);
    const replyToMe = me !== undefined && msg.reply_to_message?.from?.id === me.id;
    if (mentioned || replyToMe) return next();
  };
}

/** At most `perMinute` updates per user per minute; one friendly notice when the limit is hit. */
export function rateLimit(rt: Runtime): MiddlewareFn<Context> {
  const windows = new Map<number, { start: number; count: number; noticed: boolean }>();
  return async (ctx, next) => {
    const id = st(ctx).user.id;
    const now = rt.clock();
    let w = windows.get(id);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k);
      w = { start: now, count: 0, noticed: false };
      windows.set(id, w);
    }
    w.count++;
    if (w.count <= rt.rateLimitPerMinute) return next();
    st(ctx).handler = 'rate-limited';
    if (!w.noticed) {
      w.noticed = true;
      await send(rt, ctx, tr(rt, ctx, 'error.rate-limited'));
    }
  };
}
