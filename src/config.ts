/**
 * Configuration, parsed once at start from the environment (and `.env`). A bad value stops start-up with one line
 * naming the variable and what is expected.
 */
import type * as Zod from 'zod';
import { lazySchema } from './core/lazy-zod.js';
import { parseOffsets } from './deadline/offsets.js';
import { isValidTimeZone } from './time/zone.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The schema of the environment, built with zod's namespace (zod is loaded on first use: see lazy-zod.ts). */
function buildSchema(z: typeof Zod.z) {
  return z.object({
    BOT_TOKEN: z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'expected a token from BotFather, like 123456:ABC-DEF...')
      .optional(),
    TELEGRAM_API_ROOT: z.url({ error: 'expected an http(s) URL such as https://api.telegram.org' }).optional(),
    BOT_MODE: z.enum(['polling', 'webhook'], { error: 'expected polling or webhook' }).default('polling'),
    WEBHOOK_URL: z.url({ error: 'expected the public https URL Telegram should call' }).optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1-256 characters A-Z, a-z, 0-9, _ or -')
      .optional(),
    PORT: z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535).default(8080),
    DATA_DIR: z.string().min(1).default('./data'),
    REMINDER_OFFSETS: z
      .string()
      .default('7d,2d,12h')
      .transform((v, ctx) => {
        try {
          return parseOffsets(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    DEFAULT_TZ: z.string().default('UTC').refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Paris'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    /** Log message texts (off by default; only for debugging with the users' consent). */
    LOG_MESSAGE_TEXT: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'expected a number' }).int().min(1).max(10_000).default(30),
    MEMORY_MINUTES: z.coerce.number({ error: 'expected a number of minutes' }).int().min(0).max(10_080).default(60),
  });
}

const schema = lazySchema(buildSchema);

/** The parsed configuration. */
export type Config = Zod.infer<ReturnType<typeof buildSchema>>;

/** A configuration problem: one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; empty strings count as unset. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const c = parsed.data;
  if (c.BOT_MODE === 'webhook') {
    if (!c.BOT_TOKEN) throw new ConfigError('BOT_TOKEN', 'webhook mode needs a bot token');
    if (!c.WEBHOOK_URL) throw new ConfigError('WEBHOOK_URL', 'webhook mode needs the public URL Telegram should call');
    if (!c.WEBHOOK_SECRET) throw new ConfigError('WEBHOOK_SECRET', 'webhook mode needs a secret to check Telegram\'s calls');
  }
  return c;
}
