import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { parseOffsets } from '../src/deadline/offsets.js';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwx_yz-0123';

function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toContain(TOKEN);
    return message;
  }
  throw new Error('expected a configuration error');
}

describe('parseConfig', () => {
  it('has defaults for everything', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ BOT_MODE: 'polling', PORT: 8080, DATA_DIR: './data', DEFAULT_TZ: 'UTC', LOG_LEVEL: 'info' });
    expect(c.REMINDER_OFFSETS).toEqual([7 * 86_400_000, 2 * 86_400_000, 12 * 3_600_000]);
    expect(c.BOT_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ BOT_TOKEN: '', PORT: ' ' }).PORT).toBe(8080);
  });

  it.each([
    [{ BOT_TOKEN: 'not-a-token' }, /^BOT_TOKEN: expected a token from BotFather/],
    [{ TELEGRAM_API_ROOT: 'nowhere' }, /^TELEGRAM_API_ROOT: expected an http\(s\) URL/],
    [{ BOT_MODE: 'push' }, /^BOT_MODE: expected polling or webhook/],
    [{ PORT: 'eighty' }, /^PORT: expected a port number/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ REMINDER_OFFSETS: '7 days' }, /^REMINDER_OFFSETS: "7 days" is not an offset/],
    [{ DEFAULT_TZ: 'Europe/Atlantis' }, /^DEFAULT_TZ: expected an IANA time zone/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expected one of/],
    [{ BOT_MODE: 'webhook', BOT_TOKEN: TOKEN }, /^WEBHOOK_URL: webhook mode needs/],
    [{ BOT_MODE: 'webhook', BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://x.example/tg' }, /^WEBHOOK_SECRET: webhook mode needs/],
    [{ WEBHOOK_SECRET: 'has spaces' }, /^WEBHOOK_SECRET:/],
  ])('rejects %j with one line naming the variable', (env, expected) => {
    expect(problem(env as Record<string, string>)).toMatch(expected);
  });
});

describe('parseOffsets', () => {
  it('reads units s, m, h, d, largest first, without repeats', () => {
    expect(parseOffsets('12h, 7d,2d,7d, 30m, 10s')).toEqual([7 * 86_400_000, 2 * 86_400_000, 12 * 3_600_000, 1_800_000, 10_000]);
  });

  it('refuses zero, huge and malformed offsets', () => {
    expect(() => parseOffsets('0d')).toThrow(/between/);
    expect(() => parseOffsets('400d')).toThrow(/between/);
    expect(() => parseOffsets('')).toThrow(/expected offsets/);
    expect(() => parseOffsets('5x')).toThrow(/not an offset/);
  });
});
