import { describe, expect, it } from 'vitest';
import { BlockedError, classify, withRetry } from '../../src/bot/retry.js';
import { escapeHtml, splitMessage } from '../../src/bot/render.js';

const apiError = (code: number, retryAfter?: number) =>
  Object.assign(new Error(`API ${code}`), { response: { error_code: code, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) } });

function recorder() {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => void slept.push(ms) };
}

describe('withRetry', () => {
  it('waits retry_after seconds on 429', async () => {
    const r = recorder();
    let n = 0;
    const result = await withRetry(async () => (n++ === 0 ? Promise.reject(apiError(429, 7)) : 'ok'), { sleep: r.sleep });
    expect(result).toBe('ok');
    expect(r.slept).toEqual([7000]);
  });

  it('backs off exponentially on 5xx and network errors, then gives up', async () => {
    const r = recorder();
    const network = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    let n = 0;
    const failing = () => Promise.reject(n++ % 2 ? network : apiError(502));
    await expect(withRetry(failing, { sleep: r.sleep, attempts: 4, baseDelayMs: 100 })).rejects.toThrow();
    expect(r.slept).toEqual([100, 200, 400]);
  });

  it('does not retry a 403 and says the user blocked the bot', async () => {
    const r = recorder();
    await expect(withRetry(() => Promise.reject(apiError(403)), { sleep: r.sleep })).rejects.toBeInstanceOf(BlockedError);
    expect(r.slept).toEqual([]);
  });

  it('does not retry other 4xx errors', async () => {
    const r = recorder();
    await expect(withRetry(() => Promise.reject(apiError(400)), { sleep: r.sleep })).rejects.toThrow('API 400');
    expect(r.slept).toEqual([]);
  });

  it('refuses a retry_after longer than the limit', async () => {
    const r = recorder();
    await expect(withRetry(() => Promise.reject(apiError(429, 3600)), { sleep: r.sleep, maxRetryAfterMs: 60_000 })).rejects.toThrow();
    expect(r.slept).toEqual([]);
  });

  it('classifies errors', () => {
    expect(classify(apiError(429, 3))).toEqual({ status: 429, retryAfter: 3, network: false });
    expect(classify(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).network).toBe(true);
    expect(classify(new Error('plain')).network).toBe(false);
  });
});

describe('splitMessage', () => {
  it('keeps short messages whole', () => {
    expect(splitMessage('hello')).toEqual(['hello']);
  });

  it('splits at line breaks under the limit and loses nothing', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} <b>bold</b> text`);
    const parts = splitMessage(lines.join('\n'), 1000);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('never cuts inside a tag or an entity', () => {
    const text = 'x'.repeat(95) + '&amp;<b>y</b>' + 'z'.repeat(50);
    for (const p of splitMessage(text, 100)) {
      expect(p).not.toMatch(/&[a-z]*$/);
      expect(p).not.toMatch(/<[^>]*$/);
    }
  });

  it('cuts a single huge word', () => {
    const parts = splitMessage('a'.repeat(10_000), 4096);
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 1808]);
  });
});

describe('escapeHtml', () => {
  it('escapes the three characters Telegram HTML needs', () => {
    expect(escapeHtml('<b>a & b</b>')).toBe('&lt;b&gt;a &amp; b&lt;/b&gt;');
  });
});
