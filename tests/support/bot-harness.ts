/** Runs the real telegraf bot, polling a local Bot API server on 127.0.0.1, for end-to-end tests. */
import { pino } from 'pino';
import { createBot, type BotApp } from '../../src/bot/create-bot.js';
import type { BotDeps } from '../../src/bot/context.js';
import { createEngine, type Engine } from '../../src/core/engine.js';
import { loadI18n, type I18n } from '../../src/i18n.js';
import { loadModel, loadPatterns } from '../../src/load.js';
import { createMemoryStorage } from '../../src/storage/memory.js';
import type { Storage } from '../../src/storage/types.js';
import { startLocalBotApi, type ApiCall, type LocalBotApi } from '../../src/telegram-local/server.js';

let sharedEngine: Engine | undefined;
/** The project's engine, loaded once per test file. */
export function projectEngine(): Engine {
  sharedEngine ??= createEngine(loadPatterns(), { model: loadModel()! });
  return sharedEngine;
}

export interface Harness {
  readonly api: LocalBotApi;
  readonly app: BotApp;
  readonly storage: Storage;
  /** Sends a text message from a user (private chat by default). */
  text(text: string, options?: { userId?: number; chatId?: number; chatType?: string; lang?: string; extra?: Record<string, unknown> }): number;
  /** Presses an inline button. */
  press(data: string, options?: { userId?: number }): void;
  /** Waits for the next sendMessage to a chat after `since` calls. */
  reply(chatId?: number, since?: number, timeoutMs?: number): Promise<ApiCall>;
  /** Number of calls so far (a marker for `reply`). */
  mark(): number;
  stop(): Promise<void>;
}

export async function startHarness(overrides: Partial<BotDeps> = {}): Promise<Harness> {
  const api = await startLocalBotApi({ maxPollSeconds: 1 });
  const storage = overrides.storage ?? createMemoryStorage();
  const deps: BotDeps = {
    engine: projectEngine(),
    storage,
    i18n: loadI18n(),
    log: pino({ level: 'silent' }),
    clock: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    offsets: [7 * 86_400_000, 2 * 86_400_000, 12 * 3_600_000],
    defaultTz: 'UTC',
    memoryMinutes: 60,
    rateLimitPerMinute: 30,
    logMessageText: false,
    ...overrides,
  };
  const app = createBot('123456:TEST-token-for-the-local-api-server', deps, { apiRoot: api.url });
  void app.bot.launch().catch(() => undefined);
  // launch() calls getMe and deleteWebhook, then polls: wait until polling runs so stop() finds it
  await api.waitFor((c) => c.method === 'deleteWebhook');
  await new Promise((r) => setTimeout(r, 20));
  let messageId = 1;
  const harness: Harness = {
    api,
    app,
    storage,
    text(text, o = {}) {
      const userId = o.userId ?? 1001;
      const chatId = o.chatId ?? userId;
      const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      api.pushUpdate({
        message: {
          message_id: messageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: o.chatType ?? 'private' },
          from: { id: userId, is_bot: false, first_name: 'Buyer', language_code: o.lang ?? 'en' },
          text,
          ...(entities ? { entities } : {}),
          ...o.extra,
        },
      });
      return messageId - 1;
    },
    press(data, o = {}) {
      const userId = o.userId ?? 1001;
      api.pushUpdate({
        callback_query: {
          id: String(Math.random()),
          from: { id: userId, is_bot: false, first_name: 'Buyer', language_code: 'en' },
          chat_instance: '1',
          data,
          message: { message_id: 1, date: 0, chat: { id: userId, type: 'private' }, text: 'x' },
        },
      });
    },
    mark: () => api.calls.length,
    async reply(chatId = 1001, since = 0, timeoutMs = 8000) {
      return api.waitFor((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chatId && api.calls.indexOf(c) >= since, timeoutMs);
    },
    async stop() {
      app.bot.stop('test');
      await app.drain();
      await api.close();
    },
  };
  return harness;
}

/** The text of a sendMessage call. */
export function textOf(call: ApiCall): string {
  return String(call.body.text ?? '');
}

/** The callback data of every button under a sendMessage call. */
export function buttonsOf(call: ApiCall): string[] {
  const markup = call.body.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
}

/** A custom i18n over the project's texts with some keys replaced. */
export function i18nWith(replace: Record<string, string>): I18n {
  const base = loadI18n();
  return { ...base, t: (lang, key, params) => (key in replace ? replace[key]! : base.t(lang, key, params)) };
}
