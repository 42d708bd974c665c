/** End-to-end: Telegram API errors, handler errors and load, through the local Bot API server. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import type { ApiFault } from '../../src/telegram-local/server.js';
import { projectEngine, startHarness, textOf, type Harness } from '../support/bot-harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** Fails the first `n` sendMessage calls with `fault`. */
function failFirst(n: number, fault: ApiFault) {
  let left = n;
  return (method: string) => (method === 'sendMessage' && left-- > 0 ? fault : undefined);
}

describe('Telegram API errors', () => {
  it('waits retry_after on 429 and then delivers', async () => {
    h = await startHarness();
    h.api.setFaults(failFirst(1, { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }));
    h.text('please close the dispute');
    const ok = await h.api.waitFor((c) => c.method === 'sendMessage' && h.api.calls.filter((x) => x.method === 'sendMessage').indexOf(c) === 1, 6000);
    const attempts = h.api.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts).toHaveLength(2);
    expect(ok.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(textOf(ok)).toMatch(/\d+\/100/);
  });

  it('backs off on 5xx and network-level failures and then delivers', async () => {
    h = await startHarness();
    h.api.setFaults(failFirst(2, { error_code: 502, description: 'Bad Gateway' }));
    h.text('please close the dispute');
    await h.api.waitFor((c) => c.method === 'sendMessage' && h.api.calls.filter((x) => x.method === 'sendMessage').length === 3, 8000);
    const attempts = h.api.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts).toHaveLength(3);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(attempts[1]!.at - attempts[0]!.at);
  });

  it('stops writing to a user who blocked the bot (403)', async () => {
    h = await startHarness();
    h.storage.deadlines.add({ userId: 1001, chatId: 1001, dueAt: Date.now() + 3_600_000, label: null, tz: 'UTC' }, [{ fireAt: Date.now() + 60_000, kind: 'last' }]);
    h.api.setFaults((m) => (m === 'sendMessage' ? { error_code: 403, description: 'Forbidden: bot was blocked by the user' } : undefined));
    h.text('please close the dispute');
    await h.api.waitFor((c) => c.method === 'sendMessage');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(h.storage.users.get(1001)?.blocked).toBe(true);
    expect(h.storage.deadlines.nextFireAt()).toBeUndefined();
    expect(await h.app.deliverReminder({ id: 1, deadlineId: 1, userId: 1001, chatId: 1001, fireAt: 0, kind: 'last', dueAt: Date.now(), label: null, tz: 'UTC' }, false)).toBe('blocked');
  });
});

describe('handler errors', () => {
  it('never kill the bot: the user gets an apology and the next message works', async () => {
    const real = projectEngine();
    const engine = { ...createEngine(real.patterns), screen: (t: string) => (t === 'boom' ? (() => { throw new Error('engine failure'); })() : real.screen(t)) };
    h = await startHarness({ engine });
    h.text('boom');
    expect(textOf(await h.reply())).toContain('Sorry, something went wrong');
    const m = h.mark();
    h.text('please close the dispute');
    expect(textOf(await h.reply(1001, m))).toMatch(/\d+\/100/);
  });
});

describe('rate limit', () => {
  it('answers up to the limit and sends one notice, not one per message', async () => {
    h = await startHarness({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 9; i++) h.text(`message ${i}: please close the dispute`);
    await h.api.waitFor((c) => c.method === 'sendMessage' && textOf(c).includes('very fast'), 8000);
    await new Promise((r) => setTimeout(r, 500));
    const sent = h.api.calls.filter((c) => c.method === 'sendMessage').map(textOf);
    expect(sent.filter((t) => /\/100/.test(t))).toHaveLength(5);
    expect(sent.filter((t) => t.includes('very fast'))).toHaveLength(1);
  });

  it('counts users separately', async () => {
    h = await startHarness({ rateLimitPerMinute: 1 });
    h.text('please close the dispute', { userId: 1 });
    h.text('please close the dispute', { userId: 2 });
    await h.reply(1);
    await h.reply(2);
  });
});
