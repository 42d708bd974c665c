import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PatternError } from '../src/core/patterns/compile.js';
import { loadModel, loadPatterns, ModelError } from '../src/load.js';

const good = {
  category: 'close_dispute',
  language: 'en',
  rules: [{ id: 'en.t.a', kind: 'phrase', phrase: 'close ~2 dispute', weight: 0.9, match: ['close the dispute'], noMatch: ['open a dispute'] }],
};

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dg-patterns-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function problem(files: Record<string, unknown>): string {
  try {
    loadPatterns(folder(files));
  } catch (err) {
    expect(err).toBeInstanceOf(PatternError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected the pattern set to be rejected');
}

describe('loadPatterns', () => {
  it('loads a valid folder', () => {
    expect(loadPatterns(folder({ 'close_dispute/en.json': good })).rules).toHaveLength(1);
  });

  it('rejects a file that is not JSON, naming the file', () => {
    expect(problem({ 'close_dispute/en.json': '{ "category": ' })).toMatch(/close_dispute\/en\.json: not valid JSON/);
  });

  it('rejects a rule without examples, naming the field', () => {
    const bad = { ...good, rules: [{ ...good.rules[0], noMatch: [] }] };
    expect(problem({ 'close_dispute/en.json': bad })).toMatch(/en\.json: rules\.0\.noMatch: every rule needs/);
  });

  it('rejects an unknown category folder and an unknown language', () => {
    expect(problem({ 'bribery/en.json': good })).toMatch(/bribery: unknown category/);
    expect(problem({ 'close_dispute/xx.json': good })).toMatch(/unknown language "xx"/);
  });

  it('rejects a file whose content disagrees with its path', () => {
    expect(problem({ 'close_dispute/fr.json': good })).toMatch(/path says close_dispute\/fr/);
  });

  it('rejects a duplicate rule id across files', () => {
    const other = { ...good, category: 'pity_story' };
    expect(problem({ 'close_dispute/en.json': good, 'pity_story/en.json': other })).toMatch(/already used/);
  });

  it('rejects an invalid or unsafe regex', () => {
    const regex = (r: string) => ({ ...good, rules: [{ id: 'en.t.r', kind: 'regex', regex: r, weight: 0.5, match: ['x'], noMatch: ['y'] }] });
    expect(problem({ 'close_dispute/en.json': regex('(unclosed') })).toMatch(/invalid regex/);
    expect(problem({ 'close_dispute/en.json': regex('(a+)+$') })).toMatch(/nested quantifier/);
  });

  it('rejects a phrase step with two words', () => {
    const bad = { ...good, rules: [{ ...good.rules[0], phrase: 'close|the dispute dispute' }] };
    expect(loadPatterns(folder({ 'close_dispute/en.json': bad })).rules).toHaveLength(1);
    const worse = { ...good, rules: [{ ...good.rules[0], phrase: 'close|pay-pal' }] };
    expect(problem({ 'close_dispute/en.json': worse })).toMatch(/must be one word/);
  });
});

describe('loadModel', () => {
  it('returns undefined when there is no model file', () => {
    expect(loadModel(join(tmpdir(), 'no-such-model.json'))).toBeUndefined();
  });

  it('rejects a corrupt model file with its path', () => {
    const dir = folder({ 'm.json': '{"version": 2}' });
    expect(() => loadModel(join(dir, 'm.json'))).toThrow(ModelError);
  });
});

describe('the stem seed (models/stems.json)', () => {
  it('holds exactly what the stemmers give, so a stale seed cannot change matching', async () => {
    const { readStemSeed } = await import('../src/load.js');
    const { stemWord } = await import('../src/core/stem.js');
    const seed = readStemSeed();
    const wrong: string[] = [];
    let n = 0;
    for (const [lang, entries] of Object.entries(seed)) {
      for (const [word, stem] of Object.entries(entries ?? {})) {
        n++;
        if (stemWord(lang as never, word) !== stem) wrong.push(`${lang}:${word}`);
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect(wrong, 'run npm run train to rebuild models/stems.json').toEqual([]);
  });
});

describe('the compiled pattern snapshot (models/patterns.json)', () => {
  it('is exactly the compile of the current pattern files, so loading it changes nothing', async () => {
    const { readFileSync } = await import('node:fs');
    const { SNAPSHOT_PATH } = await import('../src/load.js');
    const { patternSnapshot } = await import('../scripts/train.js');
    const stored = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as unknown;
    expect(stored, 'run npm run train to rebuild models/patterns.json').toEqual(patternSnapshot());
  });

  it('is loaded only for the files it was compiled from, and rebuilds the same pattern set', async () => {
    const { readPatternSources, parsePatternSources, readStemSeed } = await import('../src/load.js');
    const { compilePatterns } = await import('../src/core/patterns/compile.js');
    const { fromSnapshot, hashSources, toSnapshot } = await import('../src/core/patterns/snapshot.js');
    const sources = readPatternSources();
    const compiled = compilePatterns(parsePatternSources(sources), readStemSeed());
    const snapshot = JSON.parse(JSON.stringify(toSnapshot(compiled, hashSources(sources)))) as unknown;
    const rebuilt = fromSnapshot(snapshot)!;
    expect(toSnapshot(rebuilt, 'x')).toEqual(toSnapshot(compiled, 'x'));
    // a changed file changes the hash: the snapshot is not used for it
    const changed = sources.map((s, i) => (i === 0 ? { ...s, text: `${s.text} ` } : s));
    expect(hashSources(changed)).not.toBe(hashSources(sources));
    expect(fromSnapshot({ version: -1 })).toBeUndefined();
    // a folder of other files compiles them, whatever the snapshot holds
    const dir = folder({ 'close_dispute/en.json': good });
    expect(loadPatterns(dir).rules.map((r) => r.id)).toEqual(['en.t.a']);
  });
});

describe("the model's stored scoring table (models/model-table.json)", () => {
  it('is exactly the table of the current model file, and scores as the model does', async () => {
    const { readFileSync } = await import('node:fs');
    const { MODEL_PATH, MODEL_TABLE_PATH, modelHash } = await import('../src/load.js');
    const { createModel, createModelFromTable, modelFileSchema, tableFile } = await import('../src/core/model.js');
    const { normalize } = await import('../src/core/normalize.js');
    const { tokenize } = await import('../src/core/tokens.js');
    const text = readFileSync(MODEL_PATH, 'utf8');
    const file = modelFileSchema.parse(JSON.parse(text));
    const stored = JSON.parse(readFileSync(MODEL_TABLE_PATH, 'utf8')) as unknown;
    expect(stored, 'run npm run train to rebuild models/model-table.json').toEqual(tableFile(file, modelHash(text)));
    const fromTable = createModelFromTable(stored)!;
    const direct = createModel(file);
    for (const t of ['please close the dispute, I refund by paypal', 'Мы вышлем новый товар. Закройте спор!', 'wait 5 more days my friend']) {
      const tokens = tokenize(normalize(t).text);
      const stems = tokens.map((x) => x.word);
      expect(fromTable.score(tokens, stems)).toEqual(direct.score(tokens, stems));
    }
    expect(createModelFromTable({ version: 999 })).toBeUndefined();
  });

  it('is not used for another model file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-model-'));
    writeFileSync(join(dir, 'model.json'), '{"version":1}');
    // a table written for another file is ignored: this file is read, and fails validation
    expect(() => loadModel(join(dir, 'model.json'))).toThrow(ModelError);
  });
});

describe('a fast start', () => {
  it('screens without loading zod when the snapshot and the model table are current, and validates with it otherwise', async () => {
    const { spawnSync } = await import('node:child_process');
    const { ROOT } = await import('../src/load.js');
    const script = [
      "const { loadEngine, loadPatterns } = await import('./src/load.ts');",
      "const { zodLoaded } = await import('./src/core/lazy-zod.ts');",
      "const v = loadEngine().screen('please close the dispute');",
      'const before = zodLoaded();',
      `loadPatterns(${JSON.stringify(folder({ 'close_dispute/en.json': good }))});`,
      'console.log(JSON.stringify({ score: v.score, before, after: zodLoaded() }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { score: number; before: boolean; after: boolean };
    expect(out.score).toBeGreaterThan(50);
    expect(out.before).toBe(false);
    expect(out.after).toBe(true);
  });
});
