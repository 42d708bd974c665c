/** The pino logger. JSON lines by default; pretty output only in console mode. The token is never logged. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger. */
export function createLogger(level: string, options: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const redact = { paths: ['token', '*.token', 'BOT_TOKEN', '*.BOT_TOKEN', 'text', '*.text'], censor: '[redacted]' };
  if (options.pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return options.destination ? pino({ level, redact }, options.destination) : pino({ level, redact });
}
