/** The command line, run as a user runs it: a child process, stdin and stdout. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli screen', () => {
  it('prints a readable verdict with the score on the first line', () => {
    const r = cli(['screen', 'Please close the dispute, I refund you by PayPal']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/High risk · \d+\/100/);
    expect(r.out).toContain('What to do next:');
  });

  it('prints one JSON verdict whose evidence quotes the original text', () => {
    const text = 'Dear friend 😊 please C1OSE the d1spute, I send new one';
    const r = cli(['screen', '--json', text]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const v = JSON.parse(r.out);
    expect(v).toMatchObject({ language: 'en', level: expect.stringMatching(/medium|high/) });
    expect(v.categories.map((c: { id: string }) => c.id)).toContain('close_dispute');
    for (const c of v.categories) for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(v.advice[0]).toBe('keep_dispute_open');
  });

  it('reads the text from stdin', () => {
    const r = cli(['screen', '--json'], 'закройте спор пожалуйста');
    expect(JSON.parse(r.out).language).toBe('ru');
  });

  it('screens JSON lines in order, and reports bad lines without stopping', () => {
    const input = ['{"id":"a","text":"please close the dispute"}', 'not json', '{"id":7}', '{"id":"b","text":"thank you"}', '', '[1,2]'].join('\n');
    const r = cli(['screen', '--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 7, 'b', null]);
    expect(lines[0].categories[0].id).toBe('close_dispute');
    expect(lines[1].error).toMatch(/invalid JSON/);
    expect(lines[2].error).toMatch(/string "text"/);
    expect(lines[3].level).toBe('low');
  });

  it('refuses an unknown command or option with exit code 2', () => {
    expect(cli(['scream', 'x']).code).toBe(2);
    const r = cli(['screen', '--fast', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option --fast/);
  });
});

describe('cli check', () => {
  it('answers the situation of INTERFACES.md', () => {
    const situation = { now: '2026-12-01T10:00:00Z', delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-03', expectedDelivery: '2026-12-10', sellerMessage: 'pls cancel dispute, parcel is coming' };
    const r = cli(['check', '--json', JSON.stringify(situation)]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan).toMatchObject({ risk: 'high', protectionDaysLeft: 2.58 });
    expect(plan.advice.slice(0, 2)).toEqual(['keep_dispute_open', 'never_accept_seller_solution']);
    expect(plan.advice).toContain('request_extension');
    expect(plan.verdict.categories.map((c: { id: string }) => c.id)).toContain('close_dispute');
  });

  it('reads the situation from stdin', () => {
    const r = cli(['check', '--json'], '{"delivery":"received_ok","dispute":"open","now":"2026-12-01"}');
    expect(JSON.parse(r.out).advice).toContain('confirm_when_satisfied');
  });

  it.each([
    ['{"delivery":"lost","dispute":"open"}', /^delivery: expected one of/],
    ['{"delivery":"not_received","dispute":"open","protectionEnds":"tomorrow"}', /^protectionEnds: expected a date/],
    ['{not json', /^situation: invalid JSON/],
  ])('rejects %s with exit 2 and one line naming the field', (input, message) => {
    const r = cli(['check', '--json', input]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});
