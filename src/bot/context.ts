/** What every feature gets: dependencies, the per-update user and logger, and replies that follow Telegram's rules. */
import type { Context } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Engine } from '../core/engine.js';
import type { Lang } from '../core/languages.js';
import type { I18n } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/types.js';
import { BlockedError, withRetry } from './retry.js';
import { escapeHtml, splitMessage } from './render.js';
import type { Sessions } from './session.js';

/** Dependencies of the bot, created by `main` (or a test). */
export interface BotDeps {
  readonly engine: Engine;
  readonly storage: Storage;
  readonly i18n: I18n;
  readonly log: Logger;
  /** Epoch milliseconds now. */
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Reminder offsets before a deadline, in ms. */
  readonly offsets: readonly number[];
  readonly defaultTz: string;
  readonly memoryMinutes: number;
  readonly rateLimitPerMinute: number;
  readonly logMessageText: boolean;
  /** Called after deadlines change, so the scheduler re-reads the next due time. */
  readonly onDeadlinesChanged?: () => void;
}

/** The user an update comes from, with their settings. */
export interface UserInfo {
  readonly id: number;
  readonly chatId: number;
  lang: Lang;
  tz: string;
}

/** Per-update state set by the first middlewares. */
export interface BotState {
  user: UserInfo;
  log: Logger;
  handler: string;
}

/** Shared runtime of the bot's features. */
export interface Runtime extends BotDeps {
  readonly sessions: Sessions;
}

/** The state of an update (set by the user middleware before any feature runs). */
export function st(ctx: Context): BotState {
  return ctx.state as BotState;
}

/** Translates for the update's user. */
export function tr(rt: Runtime, ctx: Context, key: string, params?: Record<string, string | number>): string {
  return rt.i18n.t(st(ctx).user.lang, key, params);
}

/** Inline keyboard markup. */
export function keyboard(rows: InlineKeyboardButton[][]): { inline_keyboard: InlineKeyboardButton[][] } {
  return { inline_keyboard: rows };
}

/**
 * Sends HTML to the update's chat, split under Telegram's limit, the keyboard under the last part; retries per
 * Telegram's rules. A user who blocked the bot is recorded and gets nothing more.
 */
export async function send(
  rt: Runtime,
  ctx: Context,
  html: string,
  markup?: { inline_keyboard: InlineKeyboardButton[][] },
  options: { replyTo?: number } = {},
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const parts = splitMessage(html);
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    await call(rt, ctx, () =>
      ctx.telegram.sendMessage(chatId, parts[i]!, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last && markup ? { reply_markup: markup } : {}),
        ...(i === 0 && options.replyTo ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {}),
      }),
    );
  }
}

/** Sends one translated text (escaped) to the update's chat. */
export async function say(
  rt: Runtime,
  ctx: Context,
  key: string,
  params?: Record<string, string | number>,
  markup?: { inline_keyboard: InlineKeyboardButton[][] },
): Promise<void> {
  await send(rt, ctx, escapeHtml(tr(rt, ctx, key, params)), markup);
}

/** Runs one Bot API call with retries; marks the user blocked on 403. */
export async function call<T>(rt: Runtime, ctx: Context, fn: () => Promise<T>): Promise<T | undefined> {
  const s = st(ctx);
  try {
    return await withRetry(fn, {
      sleep: rt.sleep,
      onRetry: (info) => s.log.warn(info, 'Bot API call failed, retrying'),
    });
  } catch (err) {
    if (err instanceof BlockedError) {
      rt.storage.users.setBlocked(s.user.id, true);
      rt.storage.deadlines.dropForUser(s.user.id);
      s.log.info('user blocked the bot');
      return undefined;
    }
    throw err;
  }
}

/** Answers a callback query (removing the spinner), ignoring a query that is too old to answer. */
export async function answerCallback(rt: Runtime, ctx: Context, text?: string): Promise<void> {
  try {
    await call(rt, ctx, () => ctx.answerCbQuery(text));
  } catch (err) {
    st(ctx).log.debug({ err }, 'callback query could not be answered');
  }
}
