/**
 * Speed figures (printed, never asserted): screening latency p50/p99 at 50, 300 and 4,000 characters, messages per
 * second on one core, cold start to first verdict, peak RSS; the deadline store at 100,000 deadlines; and the bot
 * end to end over loopback (2,000 forwarded messages from 200 users through the local Bot API server).
 *
 *   npm run bench            everything
 *   npm run bench -- --quick engine figures only
 *   npm run bench -- --e2e   the bot end to end only
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createBot } from '../src/bot/create-bot.js';
import { createEngine } from '../src/core/engine.js';
import { planReminders } from '../src/deadline/plan.js';
import { loadI18n } from '../src/i18n.js';
import { loadModel, loadPatterns, ROOT } from '../src/load.js';
import { createMemoryStorage } from '../src/storage/memory.js';
import { createSqliteStorage, openDatabase } from '../src/storage/sqlite.js';
import { startLocalBotApi } from '../src/telegram-local/server.js';
import { readCorpus } from './corpus.js';

const quick = process.argv.includes('--quick');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

/** Consecutive texts joined into messages of `length` characters; `count` messages, reusing texts when needed. */
function messagesOfLength(texts: string[], length: number, count: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (out.length < count) {
    let s = '';
    while (s.length < length) s += (s ? ' ' : '') + texts[i++ % texts.length];
    out.push(s.slice(0, length));
  }
  return out;
}

/** How many messages of `length` characters the texts make without using a text twice. */
function freshCount(texts: string[], length: number): number {
  return Math.max(1, Math.floor(texts.reduce((n, t) => n + t.length + 1, 0) / length) - 1);
}

function timeAll(engine: ReturnType<typeof createEngine>, msgs: string[]): number[] {
  const times: number[] = [];
  for (const m of msgs) {
    const t = performance.now();
    engine.screen(m);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

function benchEngine(): void {
  const engine = createEngine(loadPatterns(), { model: loadModel()! });
  // half the texts warm the engine up (as a bot that has been running: regexes compiled, common words known);
  // the other half is text it has never seen, then the same text again
  const texts = readCorpus('train').map((s) => s.text);
  const warm = texts.filter((_, i) => i % 2 === 0);
  const fresh = texts.filter((_, i) => i % 2 === 1);
  for (const t of warm) engine.screen(t);
  for (const length of [50, 300, 4000]) for (const m of messagesOfLength(warm, length, 200)) engine.screen(m);
  console.log('== screening (rules + model), one core, after a warm-up on half the train split');
  let unseen300 = 0;
  for (const length of [50, 300, 4000]) {
    const count = freshCount(fresh, length);
    const unseen = timeAll(engine, messagesOfLength(fresh, length, count));
    const seen = timeAll(engine, messagesOfLength(fresh, length, length > 1000 ? 600 : 3000));
    if (length === 300) unseen300 = count / (unseen.reduce((a, b) => a + b, 0) / 1000);
    console.log(
      `${String(length).padStart(5)} chars: unseen text p50 ${fmt(pct(unseen, 50))}  p99 ${fmt(pct(unseen, 99))}  (${count} messages);` +
        `  seen again p50 ${fmt(pct(seen, 50))}  p99 ${fmt(pct(seen, 99))}`,
    );
  }
  const msgs = messagesOfLength(fresh, 300, 2000);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) engine.screen(msgs[n++ % msgs.length]!);
  const seenRate = Math.round(n / ((performance.now() - start) / 1000));
  console.log(`throughput at 300 chars: ${seenRate} messages/s on text seen before, ${Math.round(unseen300)} on unseen text`);
}

function benchColdStart(): void {
  // a fresh process: import, load patterns and model, screen one message
  // the compiled code when the bench runs compiled (npm run bench), else TypeScript through tsx
  const compiled = import.meta.url.includes('/dist/');
  const module = compiled ? './dist/src/load.js' : './src/load.ts';
  const script = `const t0 = performance.timeOrigin; const { loadEngine } = await import('${module}'); loadEngine().screen('please close the dispute'); console.log(JSON.stringify({ ms: Date.now() - t0, rss: process.memoryUsage().rss }));`;
  const runs: number[] = [];
  let rss = 0;
  for (let i = 0; i < 5; i++) {
    const args = compiled ? ['--input-type=module', '-e', script] : ['--import', 'tsx', '--input-type=module', '-e', script];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; rss: number };
    runs.push(out.ms);
    rss = Math.max(rss, out.rss);
  }
  runs.sort((a, b) => a - b);
  console.log(`cold start to first verdict (new node process, ${compiled ? 'compiled JavaScript' : 'TypeScript through tsx'}): median ${Math.round(runs[2]!)} ms, RSS then ${(rss / 1e6).toFixed(0)} MB`);
}

function benchStore(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dg-bench-'));
  const db = openDatabase(dir);
  const store = createSqliteStorage(db);
  const now = Date.now();
  const offsets = [7 * 86_400_000, 2 * 86_400_000, 12 * 3_600_000];
  const N = 100_000;
  let t = performance.now();
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const due = now + ((i * 7919) % (60 * 86_400_000)) + 3_600_000;
      store.deadlines.add({ userId: i % 20_000, chatId: i % 20_000, dueAt: due, label: `order ${i}`, tz: 'UTC' }, planReminders(due, now, offsets));
    }
  })();
  console.log(`\n== deadline store (SQLite, WAL) with ${N.toLocaleString('en')} deadlines: filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    t = performance.now();
    store.deadlines.nextFireAt();
    store.deadlines.due(now + 86_400_000 * (i % 30), 50);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`find due reminders (next time + a batch of 50): p50 ${fmt(pct(times, 50))}  p99 ${fmt(pct(times, 99))}`);
  const adds: number[] = [];
  for (let i = 0; i < 500; i++) {
    const due = now + 10 * 86_400_000 + i;
    t = performance.now();
    store.deadlines.add({ userId: 1, chatId: 1, dueAt: due, label: null, tz: 'UTC' }, planReminders(due, now, offsets));
    adds.push(performance.now() - t);
  }
  adds.sort((a, b) => a - b);
  console.log(`add one deadline with its reminders: p50 ${fmt(pct(adds, 50))}  p99 ${fmt(pct(adds, 99))}`);
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

async function benchEndToEnd(): Promise<void> {
  const api = await startLocalBotApi({ maxPollSeconds: 1 });
  const texts = readCorpus('train').map((s) => s.text);
  const app = createBot('123456:BENCH-token-for-the-local-api-server', {
    engine: createEngine(loadPatterns(), { model: loadModel()! }),
    storage: createMemoryStorage(),
    i18n: loadI18n(),
    log: pino({ level: 'silent' }),
    clock: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    offsets: [],
    defaultTz: 'UTC',
    memoryMinutes: 60,
    rateLimitPerMinute: 1000,
    logMessageText: false,
  }, { apiRoot: api.url });
  void app.bot.launch();
  await api.waitFor((c) => c.method === 'deleteWebhook');
  const USERS = 200;
  const TOTAL = 2000;
  let nextId = 0;
  /** Sends `total` forwarded messages, `perTick` every `tickMs` (0: all at once); returns latencies and loss. */
  async function run(total: number, perTick: number, tickMs: number) {
    const open = new Map<number, number[]>(); // chat -> send times, oldest first
    const latencies: number[] = [];
    let replies = 0;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((r) => (resolveDone = r));
    const onCall = (c: { method: string; body: Record<string, unknown> }) => {
      if (c.method !== 'sendMessage') return;
      const at = open.get(Number(c.body.chat_id))?.shift();
      if (at !== undefined) latencies.push(performance.now() - at);
      if (++replies === total) resolveDone();
    };
    api.events.on('call', onCall);
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const user = 5000 + (i % USERS);
      open.set(user, [...(open.get(user) ?? []), performance.now()]);
      const id = nextId++;
      api.pushUpdate({
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: user, type: 'private' },
          from: { id: user, is_bot: false, first_name: 'U' },
          forward_origin: { type: 'hidden_user', date: 1, sender_user_name: 'Seller' },
          text: texts[id % texts.length],
        },
      });
      if (tickMs > 0 && i % perTick === perTick - 1) await new Promise((r) => setTimeout(r, tickMs));
    }
    await Promise.race([done, new Promise<void>((r) => setTimeout(r, 60_000))]);
    api.events.off('call', onCall);
    latencies.sort((a, b) => a - b);
    return { latencies, replies, seconds: (performance.now() - started) / 1000 };
  }
  console.log(`\n== bot end to end over loopback: ${TOTAL} forwarded messages from ${USERS} users each run`);
  const burst = await run(TOTAL, TOTAL, 0);
  console.log(`all at once: ${Math.round(burst.replies / burst.seconds)} updates/s, lost ${TOTAL - burst.replies} (update-to-reply p50 ${fmt(pct(burst.latencies, 50))}, p99 ${fmt(pct(burst.latencies, 99))}: queueing)`);
  const paced = await run(TOTAL, 2, 10);
  console.log(`paced at 200 updates/s: update-to-reply p50 ${fmt(pct(paced.latencies, 50))}  p99 ${fmt(pct(paced.latencies, 99))}  lost ${TOTAL - paced.replies}`);
  app.bot.stop('bench');
  await app.drain();
  await api.close();
}

if (process.argv.includes('--e2e')) await benchEndToEnd();
else {
  benchEngine();
  if (!quick) {
    benchColdStart();
    benchStore();
    await benchEndToEnd();
  }
}
console.log(`\npeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log('targets: p99 <= 1 ms at 300 chars, >= 5,000 messages/s, cold start <= 400 ms, RSS <= 120 MB, bot p99 <= 20 ms, none lost');
