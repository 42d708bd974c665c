/**
 * Screening conversation: any text, caption or forward (and edits) gets a verdict with the tactics, the quoted
 * words, what to do, and buttons. Albums are screened as one message. Feedback votes are stored without text.
 */
import type { Context, Telegraf } from 'telegraf';
import { CATEGORIES, type Category } from '../../core/categories.js';
import { inConversation } from '../../core/conversation.js';
import { MAX_SCREEN_CHARS } from '../../core/engine.js';
import { viewVerdict } from '../../present/verdict.js';
import { toScreeningRequest, type ScreeningRequest } from '../adapter.js';
import { answerCallback, keyboard, send, st, tr, type Runtime } from '../context.js';
import { escapeHtml } from '../render.js';

/** How long to collect the parts of an album before screening it. */
export const MEDIA_GROUP_WAIT_MS = 700;

/** Screens `text` for the update's user and sends the reply. */
export async function screenAndReply(rt: Runtime, ctx: Context, text: string, replyTo?: number): Promise<void> {
  const { user, log } = st(ctx);
  if (text.trim() === '') {
    await send(rt, ctx, escapeHtml(tr(rt, ctx, 'verdict.nothing-to-read')) + '\n\n' + escapeHtml(tr(rt, ctx, 'help.text')));
    return;
  }
  const verdict = rt.engine.screen(text);
  const history = rt.sessions.remember(user.chatId, verdict.categories.map((c) => c.id));
  const v = inConversation(verdict, history);
  log.info(
    { score: v.score, level: v.level, categories: v.categories.map((c) => c.id), language: v.language, chars: text.length, ...(rt.logMessageText ? { message: text } : {}) },
    'screened',
  );
  const view = viewVerdict(rt.i18n, user.lang, v, {
    closeAsks: v.closeAsks,
    ...(text.length > MAX_SCREEN_CHARS ? { truncatedAt: MAX_SCREEN_CHARS } : {}),
  });
  const lines = [`<b>${escapeHtml(view.headline)}</b>`, ''];
  if (view.tactics.length === 0) lines.push(escapeHtml(tr(rt, ctx, 'verdict.no-tactics')));
  else {
    lines.push(`<b>${escapeHtml(tr(rt, ctx, 'verdict.tactics-found'))}</b>`);
    for (const t of view.tactics) {
      lines.push(`• <b>${escapeHtml(t.name)}</b>`);
      for (const q of t.quotes) lines.push(`   ${escapeHtml(q)}`);
      lines.push(`   <i>${escapeHtml(t.why)}</i>`);
    }
  }
  for (const n of view.notes) lines.push('', `⚠️ ${escapeHtml(n)}`);
  lines.push('', `<b>${escapeHtml(tr(rt, ctx, 'verdict.what-to-do'))}</b>`);
  const advice = view.advice.length > 0 ? view.advice : [tr(rt, ctx, 'verdict.benign-advice')];
  advice.forEach((a, i) => lines.push(`${i + 1}. ${escapeHtml(a)}`));

  const token = rt.sessions.keepText(user.chatId, text);
  const cats = v.categories.map((c) => CATEGORIES.indexOf(c.id)).join('');
  const markup = keyboard([
    [{ text: tr(rt, ctx, 'button.check-order'), callback_data: `chk:${token}` }],
    [{ text: tr(rt, ctx, 'button.remind'), callback_data: 'rem' }],
    [
      { text: tr(rt, ctx, 'button.useful'), callback_data: `fb:1:${v.score}:${cats}` },
      { text: tr(rt, ctx, 'button.not-useful'), callback_data: `fb:0:${v.score}:${cats}` },
    ],
  ]);
  await send(rt, ctx, lines.join('\n'), markup, replyTo !== undefined ? { replyTo } : {});
}

/** Text to screen in a group: the message without the bot's mention, or the message it replies to. */
function groupText(ctx: Context, req: ScreeningRequest): string {
  const me = ctx.botInfo?.username;
  let text = me ? req.text.replace(new RegExp(`@${me}\\b`, 'gi'), ' ').trim() : req.text;
  if (text === '') {
    const reply = (ctx.message as { reply_to_message?: { text?: string; caption?: string } } | undefined)?.reply_to_message;
    text = reply?.text ?? reply?.caption ?? '';
  }
  return text;
}

export function registerScreening(bot: Telegraf<Context>, rt: Runtime, inFlight: Set<Promise<unknown>>): void {
  const albums = new Map<string, { parts: string[]; photoOnly: boolean }>();

  bot.on(['message', 'edited_message'], async (ctx, next) => {
    const req = toScreeningRequest(ctx.update as never);
    if (!req) return next();
    st(ctx).handler = req.edited ? 'screen-edited' : 'screen';
    if (req.mediaGroupId) {
      const key = `${req.chatId}:${req.mediaGroupId}`;
      const album = albums.get(key);
      if (album) {
        if (req.text) album.parts.push(req.text);
        return;
      }
      albums.set(key, { parts: req.text ? [req.text] : [], photoOnly: req.kind === 'photo' });
      // the rest of the album may come in the next poll: answer later, outside this update
      const done = (async () => {
        await rt.sleep(MEDIA_GROUP_WAIT_MS);
        const a = albums.get(key)!;
        albums.delete(key);
        if (a.parts.length === 0) await send(rt, ctx, escapeHtml(tr(rt, ctx, a.photoOnly ? 'unsupported.photo' : 'unsupported.media')));
        else await screenAndReply(rt, ctx, a.parts.join('\n'), req.messageId);
      })().catch((err: unknown) => st(ctx).log.error({ err }, 'album screening failed'));
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
      return;
    }
    if (req.text === '') return next(); // stickers, photos without caption...: the unsupported feature answers
    const text = ctx.chat?.type === 'private' ? req.text : groupText(ctx, req);
    await screenAndReply(rt, ctx, text, req.edited || ctx.chat?.type !== 'private' ? req.messageId : undefined);
  });

  bot.action(/^fb:([01]):(\d{1,3}):([0-6]{0,7})$/, async (ctx) => {
    st(ctx).handler = 'feedback';
    const [, useful, score, cats] = ctx.match;
    const categories = [...(cats ?? '')].map((d) => CATEGORIES[Number(d)]).filter((c): c is Category => c !== undefined);
    rt.storage.feedback.add({ userId: st(ctx).user.id, useful: useful === '1', score: Number(score), categories, at: rt.clock() });
    await answerCallback(rt, ctx, tr(rt, ctx, 'feedback.thanks'));
  });
}

/** Stickers, voice, files, locations and photos without a caption: say what the bot can read. */
export function registerUnsupported(bot: Telegraf<Context>, rt: Runtime): void {
  bot.on(['message', 'edited_message'], async (ctx) => {
    const req = toScreeningRequest(ctx.update as never);
    st(ctx).handler = 'unsupported';
    const key = req?.kind === 'photo' ? 'unsupported.photo' : 'unsupported.media';
    await send(rt, ctx, escapeHtml(tr(rt, ctx, key)));
  });
}
