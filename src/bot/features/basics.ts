/** /start, /help, /privacy, /lang and /forget. */
import type { Context, Telegraf } from 'telegraf';
import { isLang, LANGUAGES } from '../../core/languages.js';
import { answerCallback, call, keyboard, say, send, st, tr, type Runtime } from '../context.js';
import { escapeHtml } from '../render.js';

export function registerBasics(bot: Telegraf<Context>, rt: Runtime): void {
  const text = (key: string, params?: Record<string, string | number>) => async (ctx: Context) => {
    st(ctx).handler = key;
    await send(rt, ctx, escapeHtml(tr(rt, ctx, key, params)));
  };
  bot.start(text('start.welcome'));
  bot.help(text('help.text'));
  bot.command('privacy', (ctx) => text('privacy.text', { hours: Math.round((rt.memoryMinutes / 60) * 10) / 10 })(ctx));

  bot.command('lang', async (ctx) => {
    st(ctx).handler = 'lang';
    const arg = ctx.payload.trim().toLowerCase();
    if (isLang(arg)) return setLang(ctx, arg);
    const buttons = LANGUAGES.map((l) => ({ text: rt.i18n.t(l, 'language-name'), callback_data: `lang:${l}` }));
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'lang.choose')), keyboard([buttons.slice(0, 4), buttons.slice(4)]));
  });

  async function setLang(ctx: Context, lang: (typeof LANGUAGES)[number]): Promise<void> {
    rt.storage.users.setLang(st(ctx).user.id, lang);
    st(ctx).user.lang = lang;
    await say(rt, ctx, 'lang.set');
  }

  bot.action(/^lang:([a-z]{2})$/, async (ctx) => {
    st(ctx).handler = 'lang-button';
    const lang = ctx.match[1];
    await answerCallback(rt, ctx);
    if (isLang(lang)) await setLang(ctx, lang);
  });

  bot.command('forget', async (ctx) => {
    st(ctx).handler = 'forget';
    await send(
      rt,
      ctx,
      escapeHtml(tr(rt, ctx, 'forget.confirm')),
      keyboard([[{ text: tr(rt, ctx, 'button.forget-yes'), callback_data: 'forget:yes' }, { text: tr(rt, ctx, 'button.cancel'), callback_data: 'forget:no' }]]),
    );
  });

  bot.action(/^forget:(yes|no)$/, async (ctx) => {
    st(ctx).handler = 'forget-button';
    await answerCallback(rt, ctx);
    const { user } = st(ctx);
    const message = ctx.callbackQuery.message;
    if (message) await call(rt, ctx, () => ctx.editMessageReplyMarkup(undefined)).catch(() => undefined);
    if (ctx.match[1] === 'yes') {
      rt.storage.forgetUser(user.id);
      rt.sessions.forget(user.chatId);
      rt.onDeadlinesChanged?.();
      st(ctx).log.info('user data deleted');
      await say(rt, ctx, 'forget.done');
    } else {
      await say(rt, ctx, 'forget.cancelled');
    }
  });
}

/** Registers the command list with Telegram, with descriptions in every language. */
export async function registerCommands(bot: Telegraf<Context>, rt: Runtime): Promise<void> {
  const names = ['start', 'help', 'check', 'deadline', 'deadlines', 'tz', 'lang', 'privacy', 'forget'];
  for (const lang of [...LANGUAGES]) {
    const commands = names.map((command) => ({ command, description: rt.i18n.t(lang, `command.${command}`) }));
    await bot.telegram.setMyCommands(commands, lang === 'en' ? {} : { language_code: lang });
  }
}
