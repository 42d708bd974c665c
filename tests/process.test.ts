/**
 * The bot as a process, as operators run it: the production start path from a copy with production dependencies
 * only, webhook mode, bad configuration, a broken pattern file, and reminders across a SIGKILL and a restart.
 * Every Telegram call goes to a local Bot API server on 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStorage, openDatabase } from '../src/storage/sqlite.js';
import { startLocalBotApi, type LocalBotApi } from '../src/telegram-local/server.js';

const ROOT = new URL('../', import.meta.url).pathname;
const TOKEN = '123456:PROCESS-test-token-for-local-api';
let app: string; // a production copy: dist, data files and production dependencies only

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), 'dg-prod-'));
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, f), join(app, f));
  for (const d of ['patterns', 'models', 'locales']) cpSync(join(ROOT, d), join(app, d), { recursive: true });
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(app, 'dist')], { encoding: 'utf8' });
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  // production dependencies only: the packages `npm ls --omit=dev` lists, copied from this checkout (offline)
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const packages = ls.stdout.split('\n').filter((p) => p.includes('/node_modules/'));
  expect(packages.length).toBeGreaterThan(10);
  for (const p of packages) cpSync(p, join(app, p.slice(ROOT.replace(/\/$/, '').length + 1)), { recursive: true });
  expect(existsSync(join(app, 'node_modules/telegraf'))).toBe(true);
  expect(existsSync(join(app, 'node_modules/vitest'))).toBe(false);
  expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
  expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
}, 120_000);

afterAll(() => {
  rmSync(app, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>, cwd = app): Running {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

const update = (id: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'B' }, text },
});

describe('production start path', () => {
  let api: LocalBotApi;
  beforeAll(async () => {
    api = await startLocalBotApi({ maxPollSeconds: 1 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('starts from the compiled entry point, answers /healthz and messages, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const data = mkdtempSync(join(tmpdir(), 'dg-data-'));
    const p = start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, PORT: String(port), DATA_DIR: data });
    await waitUntil(() => healthy(port), 20_000, '/healthz');
    api.pushUpdate({ message: update(0, 'please close the dispute, I refund by PayPal').message });
    const reply = await api.waitFor((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === 77, 10_000);
    expect(String(reply.body.text)).toMatch(/\d+\/100/);
    expect(api.calls.some((c) => c.method === 'setMyCommands')).toBe(true);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('"msg":"stopped"');
    expect(p.output()).not.toContain(TOKEN);
    expect(p.output()).not.toContain('please close the dispute');
    expect(existsSync(join(data, 'dispute-guard.sqlite'))).toBe(true);
  }, 60_000);

  it('serves the webhook, rejecting calls without the secret', async () => {
    const port = await freePort();
    const p = start({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: `http://127.0.0.1:${port}/tg-hook`,
      WEBHOOK_SECRET: 'hook-secret-1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dg-data-')),
    });
    await waitUntil(() => healthy(port), 20_000, '/healthz');
    const set = await api.waitFor((c) => c.method === 'setWebhook', 5000);
    expect(set.body.secret_token).toBe('hook-secret-1');
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/tg-hook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update(500, 'cancel the dispute please')) });
    const before = api.calls.length;
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.slice(before).some((c) => c.method === 'sendMessage')).toBe(false);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'hook-secret-1' })).status).toBe(200);
    await api.waitFor((c) => c.method === 'sendMessage' && api.calls.indexOf(c) >= before, 10_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 60_000);

  it('stops at start with one line naming a bad variable', async () => {
    const p = start({ BOT_MODE: 'carrier-pigeon' });
    expect(await p.exited).toBe(2);
    expect(p.output().trim()).toBe('configuration error: BOT_MODE: expected polling or webhook');
  }, 20_000);

  it('stops at start naming a broken pattern file, never running half-loaded', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'dg-broken-'));
    cpSync(app, broken, { recursive: true });
    writeFileSync(join(broken, 'patterns/pity_story/en.json'), '{"category": "pity_story", "language": "en", "rules": [{"id": "x"}]}');
    const p = start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, PORT: String(await freePort()), DATA_DIR: join(broken, 'data') }, broken);
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/patterns\/pity_story\/en\.json: rules\.0\./);
    rmSync(broken, { recursive: true, force: true });
  }, 30_000);
});

describe('reminders across SIGKILL and restart', () => {
  it('arrive exactly once each, the late ones flagged', async () => {
    const api = await startLocalBotApi({ maxPollSeconds: 1 });
    const data = mkdtempSync(join(tmpdir(), 'dg-kill-'));
    const storage = createSqliteStorage(openDatabase(data));
    const now = Date.now();
    const labels: string[] = [];
    for (let i = 0; i < 12; i++) {
      const label = `order-${i}`;
      labels.push(label);
      // due every 400 ms from 1.5 s after start-up
      storage.deadlines.add({ userId: 900 + i, chatId: 900 + i, dueAt: now + 3_600_000, label, tz: 'UTC' }, [{ fireAt: now + 1500 + i * 400, kind: 'last' }]);
    }
    // two that fell due ten minutes before the first start
    for (const label of ['overdue-a', 'overdue-b']) {
      labels.push(label);
      storage.deadlines.add({ userId: 950, chatId: 950, dueAt: now + 3_600_000, label, tz: 'UTC' }, [{ fireAt: now - 600_000, kind: 'last' }]);
    }
    storage.close();
    const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, DATA_DIR: data };
    const received = () => api.calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.body.text));
    const first = start({ ...env, PORT: String(await freePort()) });
    await waitUntil(() => received().length >= 5, 20_000, 'the first reminders');
    first.child.kill('SIGKILL');
    await first.exited;
    const sentBeforeKill = received().length;
    expect(sentBeforeKill).toBeLessThan(14);
    await new Promise((r) => setTimeout(r, 2500)); // more reminders fall due while the bot is down
    const second = start({ ...env, PORT: String(await freePort()) });
    await waitUntil(() => received().length >= 14, 20_000, 'every reminder');
    await new Promise((r) => setTimeout(r, 1500));
    const texts = received();
    for (const label of labels) expect(texts.filter((t) => t.includes(`(${label})`)), label).toHaveLength(1);
    expect(texts.length).toBe(14);
    for (const t of texts) expect(t.includes('This reminder is late')).toBe(t.includes('(overdue-'));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await api.close();
  }, 90_000);
});
