/**
 * Entry point: parses the configuration once, wires the engine, storage, bot and scheduler, and owns shutdown.
 * With BOT_TOKEN: polling (default) or webhook. Without: the console mode, a chat in the terminal through the same
 * handlers. SIGINT/SIGTERM stop taking updates, finish the ones in flight and close the database.
 */
import 'dotenv/config';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { createBot, type BotApp } from './bot/create-bot.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { runConsole } from './console/console.js';
import { createScheduler, realTimers, type Scheduler } from './deadline/scheduler.js';
import { loadI18n } from './i18n.js';
import { loadEngine } from './load.js';
import { createLogger, type Logger } from './logger.js';
import { createSqliteStorage, openDatabase } from './storage/sqlite.js';
import type { Storage } from './storage/types.js';
import { startLocalBotApi } from './telegram-local/server.js';

/** A running bot process. */
export interface RunningApp {
  stop(reason: string): Promise<void>;
  readonly app: BotApp;
  readonly storage: Storage;
  readonly health?: Server;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function startHealthServer(port: number, webhook?: { path: string; handler: ReturnType<BotApp['bot']['webhookCallback']> }): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return;
    }
    if (webhook && req.url?.split('?')[0] === webhook.path) {
      void webhook.handler(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolvePromise(server));
  });
}

/** Starts the bot with a token (polling or webhook). */
/** Options of {@link startBot}. */
export interface StartOptions {
  /** Bot API root, overriding TELEGRAM_API_ROOT (the console mode's local server). */
  readonly apiRoot?: string;
  /** Serve GET /healthz on PORT (off in console mode). */
  readonly health?: boolean;
}

export async function startBot(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const apiRoot = options.apiRoot ?? config.TELEGRAM_API_ROOT;
  const engine = loadEngine();
  const i18n = loadI18n();
  const storage = createSqliteStorage(openDatabase(resolve(config.DATA_DIR)));
  let scheduler: Scheduler | undefined;
  const app = createBot(
    config.BOT_TOKEN!,
    {
      engine,
      storage,
      i18n,
      log,
      clock: Date.now,
      sleep,
      offsets: config.REMINDER_OFFSETS,
      defaultTz: config.DEFAULT_TZ,
      memoryMinutes: config.MEMORY_MINUTES,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      logMessageText: config.LOG_MESSAGE_TEXT,
      onDeadlinesChanged: () => scheduler?.poke(),
    },
    apiRoot ? { apiRoot } : {},
  );
  scheduler = createScheduler({ storage, timers: realTimers, deliver: app.deliverReminder, log: log.child({ part: 'scheduler' }) });

  const me = await app.bot.telegram.getMe();
  app.bot.botInfo = me;
  await app.registerCommands().catch((err: unknown) => log.warn({ err }, 'commands could not be registered'));
  let health: Server | undefined;
  if (config.BOT_MODE === 'webhook') {
    const url = new URL(config.WEBHOOK_URL!);
    const path = url.pathname === '/' ? '/telegram' : url.pathname;
    const handler = app.bot.webhookCallback(path, { secretToken: config.WEBHOOK_SECRET! });
    health = await startHealthServer(config.PORT, { path, handler });
    await app.bot.telegram.setWebhook(new URL(path, url).toString(), { secret_token: config.WEBHOOK_SECRET!, drop_pending_updates: false });
    log.info({ mode: 'webhook', port: config.PORT, bot: me.username }, 'bot started');
  } else {
    if (options.health !== false) health = await startHealthServer(config.PORT);
    await app.bot.telegram.deleteWebhook({ drop_pending_updates: false });
    // launch() resolves only when polling stops: not awaited
    void app.bot.launch({ dropPendingUpdates: false }).catch((err: unknown) => {
      log.fatal({ err }, 'polling stopped');
      process.exitCode = 1;
    });
    log.info({ mode: 'polling', port: config.PORT, bot: me.username }, 'bot started');
  }
  scheduler.start();

  let stopping: Promise<void> | undefined;
  return {
    app,
    storage,
    ...(health ? { health } : {}),
    stop(reason) {
      stopping ??= (async () => {
        log.info({ reason }, 'shutting down');
        if (config.BOT_MODE === 'polling') {
          try {
            app.bot.stop(reason);
          } catch {
            // polling had not started
          }
        }
        if (health) await new Promise<void>((r) => health.close(() => r()));
        await scheduler.stop();
        await app.drain();
        storage.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (!config.BOT_TOKEN) {
    await runConsole(config, { input: process.stdin, output: process.stdout, startApi: startLocalBotApi });
    return;
  }
  const log = createLogger(config.LOG_LEVEL);
  let running: RunningApp;
  try {
    running = await startBot(config, log);
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    process.stderr.write(`start-up failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void running.stop(signal).then(() => process.exit(0));
    });
  }
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry.endsWith('main.ts') || entry.endsWith('main.js')) {
  main().catch((err: unknown) => {
    process.stderr.write(`fatal: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
