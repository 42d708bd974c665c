/**
 * Command line: screening and the order advisor without Telegram.
 *
 *   npm run -s cli -- screen "text"          readable verdict
 *   npm run -s cli -- screen --json "text"   one JSON verdict
 *   npm run -s cli -- screen --jsonl         JSON lines in (stdin), verdict lines out
 *   npm run -s cli -- check --json '{...}'   the advisor behind /check (situation JSON, or on stdin)
 *
 * Options: --lang xx (readable output language), --no-model (rules alone).
 */
import { advise } from './advisor/advise.js';
import { parseSituation, SituationError } from './advisor/situation.js';
import { isLang, type Lang } from './core/languages.js';
import { loadI18n } from './i18n.js';
import { loadEngine } from './load.js';
import { viewPlan } from './present/plan.js';
import { createPaint, renderVerdict, screenJsonl, verdictJson } from './cli/screen.js';

const USAGE = `usage: cli screen [--json | --jsonl] [--lang xx] [--no-model] [text]   (text on stdin when not given)
       cli check [--json] [--lang xx] ['<situation JSON>']                (JSON on stdin when not given)`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function out(line: string): void {
  process.stdout.write(line + '\n');
}

function fail(message: string, code = 2): never {
  process.stderr.write(message.split('\n')[0] + '\n');
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const langAt = rest.indexOf('--lang');
  const langArg = langAt >= 0 ? rest[langAt + 1] : 'en';
  if (!isLang(langArg)) fail(`--lang: expected one of en fr ru es pt de it pl, got "${langArg ?? ''}"`);
  const lang: Lang = langArg;
  const positional = rest.filter((a, i) => !a.startsWith('--') && !(langAt >= 0 && i === langAt + 1));
  const known = new Set(['--json', '--jsonl', '--lang', '--no-model']);
  for (const f of flags) if (!known.has(f)) fail(`unknown option ${f}\n`);
  if (command === undefined || command === 'help' || command === '--help') {
    out(USAGE);
    return;
  }
  if (command !== 'screen' && command !== 'check') fail(`unknown command "${command}"; ${USAGE.split('\n')[0]}`);

  let engine;
  try {
    engine = loadEngine({ useModel: !flags.has('--no-model') });
  } catch (err) {
    fail((err as Error).message, 1);
  }

  if (command === 'screen') {
    if (flags.has('--jsonl')) {
      await screenJsonl(engine, process.stdin, out);
      return;
    }
    const text = positional.length > 0 ? positional.join(' ') : await readStdin();
    const verdict = engine.screen(text);
    if (flags.has('--json')) out(JSON.stringify(verdictJson(verdict)));
    else {
      const paint = createPaint(process.stdout.isTTY === true && !process.env.NO_COLOR);
      out(renderVerdict(verdict, loadI18n(), lang, paint));
    }
    return;
  }

  const raw = positional.length > 0 ? positional.join(' ') : await readStdin();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    fail(`situation: invalid JSON (${(err as Error).message})`);
  }
  let situation;
  try {
    situation = parseSituation(data, () => new Date(), process.env.DEFAULT_TZ || 'UTC');
  } catch (err) {
    if (err instanceof SituationError) fail(err.message);
    throw err;
  }
  const verdict = situation.sellerMessage !== undefined ? engine.screen(situation.sellerMessage) : undefined;
  const plan = advise(situation, verdict);
  if (flags.has('--json')) {
    out(JSON.stringify(plan));
    return;
  }
  const i18n = loadI18n();
  const view = viewPlan(i18n, lang, plan, situation.protectionEnds, situation.tz);
  out(view.header);
  out(view.days);
  if (view.steps.length === 0) out(i18n.t(lang, 'check.nothing'));
  else view.steps.forEach((s, i) => out(`${i + 1}. ${s.advice}\n   ${s.reason}`));
  if (view.warnings.length > 0) out(`\n${i18n.t(lang, 'check.warnings')}\n${view.warnings.map((w) => `⚠️ ${w}`).join('\n')}`);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  process.exit(err.code === 'EPIPE' ? 1 : 1);
});

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exit(1);
});
