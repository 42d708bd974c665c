/** End-to-end: the real bot polling a local Bot API server over HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, startHarness, textOf, i18nWith, type Harness } from '../support/bot-harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const TACTIC = 'Dear friend, please close the dispute and I refund you by PayPal';

describe('screening conversation', () => {
  it.each([
    ['user', { forward_origin: { type: 'user', date: 1, sender_user: { id: 9, is_bot: false, first_name: 'Seller' } } }],
    ['hidden user', { forward_origin: { type: 'hidden_user', date: 1, sender_user_name: 'Seller' } }],
    ['chat', { forward_origin: { type: 'chat', date: 1, sender_chat: { id: -5, type: 'group', title: 'Shop' } } }],
    ['channel', { forward_origin: { type: 'channel', date: 1, chat: { id: -6, type: 'channel', title: 'Shop' }, message_id: 3 } }],
  ])('screens a message forwarded from a %s', async (_kind, extra) => {
    h = await startHarness();
    h.text(TACTIC, { extra });
    const reply = await h.reply();
    const text = textOf(reply);
    expect(text.split('\n')[0]).toMatch(/^<b>🔴 High risk · \d{2,3}\/100<\/b>$/);
    expect(text).toMatch(/“[^”]*close the dispute[^”]*”/);
    expect(text).toContain('What to do next:');
    expect(reply.body.parse_mode).toBe('HTML');
    const buttons = buttonsOf(reply);
    expect(buttons[0]).toMatch(/^chk:/);
    expect(buttons).toContain('rem');
    expect(buttons.filter((b) => b.startsWith('fb:'))).toHaveLength(2);
  });

  it('answers a benign shipping notice at low risk with general advice', async () => {
    h = await startHarness();
    h.text('Your order has been shipped, tracking number LP00123456789CN. Thank you!');
    const text = textOf(await h.reply());
    expect(text.split('\n')[0]).toMatch(/🟢 Low risk · \d{1,2}\/100/);
    expect(text).toContain('I found no known pressure tactic');
  });

  it('screens a photo caption, and explains photos without one', async () => {
    h = await startHarness();
    h.text('', { extra: { text: undefined, photo: [{ file_id: 'x', file_unique_id: 'x', width: 1, height: 1 }], caption: TACTIC } });
    expect(textOf(await h.reply())).toMatch(/\d+\/100/);
    const m = h.mark();
    h.text('', { extra: { text: undefined, photo: [{ file_id: 'y', file_unique_id: 'y', width: 1, height: 1 }] } });
    expect(textOf(await h.reply(1001, m))).toContain("I can't read pictures");
  });

  it.each([
    ['sticker', { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }],
    ['voice', { voice: { file_id: 'v', file_unique_id: 'v', duration: 1 } }],
    ['document', { document: { file_id: 'd', file_unique_id: 'd' } }],
    ['location', { location: { latitude: 1, longitude: 2 } }],
  ])('explains what it can read when sent a %s', async (_kind, extra) => {
    h = await startHarness();
    h.text('', { extra: { text: undefined, ...extra } });
    expect(textOf(await h.reply())).toContain('I can only read text');
  });

  it('screens an album once, with all its captions', async () => {
    h = await startHarness();
    const photo = [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }];
    h.text('', { extra: { text: undefined, photo, media_group_id: 'g1', caption: 'please close the dispute' } });
    h.text('', { extra: { text: undefined, photo, media_group_id: 'g1' } });
    h.text('', { extra: { text: undefined, photo, media_group_id: 'g1', caption: 'I refund you by PayPal' } });
    const reply = await h.reply();
    await new Promise((r) => setTimeout(r, 1200));
    const replies = h.api.calls.filter((c) => c.method === 'sendMessage');
    expect(replies).toHaveLength(1);
    expect(textOf(reply)).toContain('PayPal');
    expect(textOf(reply)).toContain('close the dispute');
  });

  it('re-screens an edited message', async () => {
    h = await startHarness();
    const id = h.text('hello');
    await h.reply();
    const m = h.mark();
    h.api.pushUpdate({
      edited_message: { message_id: id, date: 1, edit_date: 2, chat: { id: 1001, type: 'private' }, from: { id: 1001, is_bot: false, first_name: 'B' }, text: TACTIC },
    });
    const reply = await h.reply(1001, m);
    expect(textOf(reply)).toContain('High risk');
    expect((reply.body.reply_parameters as { message_id: number }).message_id).toBe(id);
  });

  it('says when the seller keeps asking to close the dispute, and raises the score', async () => {
    h = await startHarness();
    const scores: number[] = [];
    for (const t of ['please close the dispute', 'my friend cancel the dispute please', 'close dispute please, I give coupon']) {
      const m = h.mark();
      h.text(t);
      const text = textOf(await h.reply(1001, m));
      scores.push(Number(/(\d+)\/100/.exec(text)![1]));
      if (t.startsWith('close')) expect(text).toContain('asked you to close the dispute 3 times');
    }
    expect(scores[1]!).toBeGreaterThan(scores[0]! - 1);
  });

  it('escapes HTML in quotes and splits replies longer than 4096 characters', async () => {
    h = await startHarness({ i18n: i18nWith({ 'help.text': 'line <b>not bold</b> & more\n'.repeat(400) }) });
    h.text('/help', { extra: {} });
    await h.reply();
    await new Promise((r) => setTimeout(r, 300));
    const parts = h.api.calls.filter((c) => c.method === 'sendMessage').map(textOf);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n').split('line &lt;b&gt;not bold&lt;/b&gt; &amp; more').length - 1).toBe(400);
  });

  it('stores feedback votes without the message text', async () => {
    h = await startHarness();
    h.text(TACTIC);
    const reply = await h.reply();
    const up = buttonsOf(reply).find((b) => b.startsWith('fb:1:'))!;
    h.press(up);
    const ack = await h.api.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(ack.body.text).toBe('Thanks for the feedback!');
    expect(h.storage.feedback.counts()).toEqual({ useful: 1, notUseful: 0 });
  });
});

describe('commands and languages', () => {
  it('answers /start, /help and /privacy', async () => {
    h = await startHarness();
    for (const [cmd, expected] of [['/start', 'I am Dispute Guard'], ['/help', '/deadline'], ['/privacy', 'What I store']] as const) {
      const m = h.mark();
      h.text(cmd);
      expect(textOf(await h.reply(1001, m))).toContain(expected);
    }
  });

  it('speaks the language Telegram reports, and /lang switches and remembers it', async () => {
    h = await startHarness();
    h.text('/start', { lang: 'ru' });
    expect(textOf(await h.reply())).not.toContain('Hello! I am Dispute Guard');
    let m = h.mark();
    h.text('/lang');
    const menu = await h.reply(1001, m);
    expect(buttonsOf(menu)).toEqual(['lang:en', 'lang:fr', 'lang:ru', 'lang:es', 'lang:pt', 'lang:de', 'lang:it', 'lang:pl']);
    m = h.mark();
    h.press('lang:en');
    expect(textOf(await h.reply(1001, m))).toBe('Language set to English.');
    expect(h.storage.users.get(1001)?.lang).toBe('en');
    m = h.mark();
    h.text('/start', { lang: 'ru' });
    expect(textOf(await h.reply(1001, m))).toContain('Hello! I am Dispute Guard');
  });

  it('registers its commands with descriptions in every language', async () => {
    h = await startHarness();
    await h.app.registerCommands();
    const calls = h.api.calls.filter((c) => c.method === 'setMyCommands');
    expect(calls).toHaveLength(8);
    const codes = calls.map((c) => (c.body.language_code as string | undefined) ?? 'default').sort();
    expect(codes).toEqual(['de', 'default', 'es', 'fr', 'it', 'pl', 'pt', 'ru']);
  });

  it('deletes everything about the user after confirmation with /forget', async () => {
    h = await startHarness();
    h.storage.users.setLang(1001, 'en');
    h.storage.deadlines.add({ userId: 1001, chatId: 1001, dueAt: Date.now() + 86_400_000, label: null, tz: 'UTC' }, []);
    let m = h.mark();
    h.text('/forget');
    expect(buttonsOf(await h.reply(1001, m))).toEqual(['forget:yes', 'forget:no']);
    m = h.mark();
    h.press('forget:yes');
    expect(textOf(await h.reply(1001, m))).toContain('deleted');
    expect(h.storage.users.get(1001)).toBeUndefined();
    expect(h.storage.deadlines.listForUser(1001)).toEqual([]);
  });
});

describe('groups', () => {
  it('answers only commands, mentions and replies to the bot', async () => {
    h = await startHarness();
    const group = { chatId: -100, chatType: 'group' };
    h.text(TACTIC, group);
    h.text('/help', group);
    const first = await h.reply(-100);
    expect(textOf(first)).toContain('How to use me');
    let m = h.mark();
    h.text(`@dispute_guard_bot ${TACTIC}`, group);
    expect(textOf(await h.reply(-100, m))).toMatch(/\d+\/100/);
    m = h.mark();
    h.text(TACTIC, { ...group, extra: { reply_to_message: { message_id: 1, date: 1, chat: { id: -100, type: 'group' }, from: { id: 424242, is_bot: true, first_name: 'DG' } } } });
    expect(textOf(await h.reply(-100, m))).toMatch(/\d+\/100/);
    const screened = h.api.calls.filter((c) => c.method === 'sendMessage' && /\/100/.test(textOf(c)));
    expect(screened).toHaveLength(2); // the plain group message got no answer
  });
});
