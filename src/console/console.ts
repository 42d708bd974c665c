/**
 * Console mode: a chat with the bot in the terminal, through the very same handlers. A local Bot API server on
 * 127.0.0.1 carries the conversation: typed lines become updates, the bot's messages are printed, buttons become
 * numbered choices. Lines pasted together are one message. `/quit` (or end of input) leaves.
 */
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { isLang } from '../core/languages.js';
import { loadI18n } from '../i18n.js';
import { createLogger } from '../logger.js';
import { startBot } from '../main.js';
import type { ApiCall, LocalBotApi } from '../telegram-local/server.js';

export interface ConsoleIO {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly startApi: (options: { maxPollSeconds?: number }) => Promise<LocalBotApi>;
}

const CONSOLE_TOKEN = '1:console-mode-local-token';
const USER_ID = 1;
/** Lines arriving within this time of each other are one pasted message. */
const PASTE_MS = 40;

/** Telegram HTML to terminal text. */
export function htmlToText(html: string, colour: boolean): string {
  const bold = colour ? '\u001b[1m' : '';
  const italic = colour ? '\u001b[3m' : '';
  const reset = colour ? '\u001b[0m' : '';
  return html
    .replace(/<b>/g, bold)
    .replace(/<i>/g, italic)
    .replace(/<\/(b|i)>/g, reset)
    .replace(/<[^>]{1,40}>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Runs the console chat until `/quit` or the end of input. */
export async function runConsole(config: Config, io: ConsoleIO): Promise<void> {
  const colour = (io.output as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  const envLang = (process.env.LC_ALL || process.env.LANG || 'en').slice(0, 2).toLowerCase();
  const lang = isLang(envLang) ? envLang : 'en';
  const i18n = loadI18n();
  const write = (s: string) => io.output.write(s + '\n');
  const api = await io.startApi({ maxPollSeconds: 1 });
  const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', { pretty: true });
  const running = await startBot({ ...config, BOT_TOKEN: CONSOLE_TOKEN, BOT_MODE: 'polling' }, log, { apiRoot: api.url, health: false });

  let buttons: Array<{ text: string; data: string }> = [];
  let nextMessage = 1;
  let awaiting = 0;
  let settle: (() => void) | undefined;
  const print = (call: ApiCall) => {
    if (call.method !== 'sendMessage' && call.method !== 'editMessageText') {
      if (call.method === 'answerCallbackQuery' && typeof call.body.text === 'string') write(`  (${call.body.text})`);
      return;
    }
    write('');
    write(htmlToText(String(call.body.text ?? ''), colour));
    const markup = call.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
    if (markup?.inline_keyboard) {
      buttons = markup.inline_keyboard.flat().filter((b) => b.callback_data).map((b) => ({ text: b.text, data: b.callback_data! }));
      write(i18n.t(lang, 'console.choices'));
      buttons.forEach((b, i) => write(`  [${i + 1}] ${b.text}`));
    }
    awaiting = 0;
    settle?.();
  };
  api.events.on('call', print);

  const from = { id: USER_ID, is_bot: false, first_name: 'You', language_code: lang };
  const chat = { id: USER_ID, type: 'private', first_name: 'You' };
  const sendLine = (text: string) => {
    const pick = /^\s*(\d{1,2})\s*$/.exec(text);
    const button = pick ? buttons[Number(pick[1]) - 1] : undefined;
    const date = Math.floor(Date.now() / 1000);
    if (button) {
      api.pushUpdate({ callback_query: { id: String(Date.now()), from, chat_instance: '1', data: button.data, message: { message_id: 1, date, chat, text: '' } } });
    } else {
      const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      api.pushUpdate({ message: { message_id: nextMessage++, date, chat, from, text, ...(entities ? { entities } : {}) } });
    }
    awaiting++;
  };
  /** Waits until the bot answered (or a quiet second passed). */
  const answered = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, 1500);
      function done() {
        clearTimeout(timer);
        settle = undefined;
        resolve();
      }
      settle = () => setTimeout(done, 150);
    });

  write(i18n.t(lang, 'console.intro'));
  const rl = createInterface({ input: io.input, terminal: false });
  let buffer: string[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let quit = false;
  let queue = Promise.resolve();
  const flush = () => {
    const text = buffer.join('\n').trim();
    buffer = [];
    if (text === '') return;
    if (text === '/quit' || text === '/exit') {
      quit = true;
      rl.close();
      return;
    }
    queue = queue.then(async () => {
      sendLine(text);
      await answered();
    });
  };
  const interactive = (io.input as { isTTY?: boolean }).isTTY === true;
  for await (const line of rl) {
    buffer.push(line);
    if (flushTimer) clearTimeout(flushTimer);
    // typed: lines pasted together are one message; piped: one message per line
    if (interactive) flushTimer = setTimeout(flush, PASTE_MS);
    else flush();
    if (quit) break;
  }
  if (flushTimer) clearTimeout(flushTimer);
  flush();
  await queue;
  if (awaiting > 0) await answered();
  write(i18n.t(lang, 'console.bye'));
  api.events.off('call', print);
  await running.stop('console closed');
  await api.close();
}
