/**
 * The pino logger. JSON lines by default; pretty output only in console mode. The bot token never reaches the log:
 * error messages and stacks (which may hold a request URL) are scrubbed, and fields named token/text are redacted.
 */
import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

const TOKEN_IN_URL = /bot\d+:[A-Za-z0-9_-]+/g;

/** Removes bot tokens from a string. */
export function scrubToken(s: string): string {
  return s.replace(TOKEN_IN_URL, 'bot[redacted]');
}

function errSerializer(err: unknown): unknown {
  const out = stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack']) if (typeof out[key] === 'string') out[key] = scrubToken(out[key] as string);
  return out;
}

/** Creates the process logger. */
export function createLogger(level: string, options: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const base = {
    level,
    redact: { paths: ['token', '*.token', 'BOT_TOKEN', '*.BOT_TOKEN', 'text', '*.text'], censor: '[redacted]' },
    serializers: { err: errSerializer },
  };
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}
