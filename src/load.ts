/**
 * Loads the pattern set and the model from disk. A file that does not validate stops loading with one line naming
 * the file and the problem: the engine never runs on a half-loaded pattern set.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from './core/categories.js';
import { createEngine, type Engine } from './core/engine.js';
import type { infer as ZodInfer, ZodType } from 'zod';
import type { LazySchema } from './core/lazy-zod.js';
import { createModel, createModelFromTable, modelFileSchema, type Model } from './core/model.js';
import { compilePatterns, PatternError, type PatternSet, type SourceFile, type StemSeed } from './core/patterns/compile.js';
import { LANGUAGES } from './core/languages.js';
import { patternFileSchema, RULE_LANGS } from './core/patterns/schema.js';
import { fromSnapshot, hashSources } from './core/patterns/snapshot.js';

/** The project root (the folder holding `patterns/`, `models/`, `locales/`). */
export const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

/** Default folders. */
export const PATTERNS_DIR = join(ROOT, 'patterns');
export const MODEL_PATH = join(ROOT, 'models', 'model.json');
export const STEMS_PATH = join(ROOT, 'models', 'stems.json');
export const SNAPSHOT_PATH = join(ROOT, 'models', 'patterns.json');
export const MODEL_TABLE_PATH = join(ROOT, 'models', 'model-table.json');

/** The hash that ties a model file to its stored scoring table. */
export function modelHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses JSON text and validates it with `schema`; a problem is thrown as `fail` makes it, in one line. */
function parseChecked<S extends ZodType>(text: string, schema: LazySchema<S>, fail: (problem: string, cause?: unknown) => Error): ZodInfer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw fail(`not valid JSON: ${(err as Error).message}`, err);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(file)';
    throw fail(`${where}: ${issue.message}`);
  }
  return parsed.data as ZodInfer<S>;
}

/** A pattern file's text, with its path as shown in messages. */
export interface PatternSource {
  readonly path: string;
  readonly text: string;
  readonly category: string;
  readonly lang: string;
}

/** Reads every pattern file under `dir` (`<category>/<lang>.json`) as text, in a fixed order. */
export function readPatternSources(dir: string = PATTERNS_DIR): PatternSource[] {
  const out: PatternSource[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (err) {
    throw new PatternError(dir, 'pattern folder cannot be read', { cause: err });
  }
  for (const category of entries) {
    const sub = join(dir, category);
    if (!statSync(sub).isDirectory()) continue;
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      throw new PatternError(relative(ROOT, sub), `unknown category folder (expected one of ${CATEGORIES.join(', ')})`);
    }
    for (const name of readdirSync(sub).sort()) {
      if (!name.endsWith('.json')) continue;
      const path = join(sub, name);
      const shown = relative(ROOT, path) || path;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        throw new PatternError(shown, 'cannot be read', { cause: err });
      }
      out.push({ path: shown, text, category, lang: name.slice(0, -'.json'.length) });
    }
  }
  if (out.length === 0) throw new PatternError(dir, 'no pattern files found');
  return out;
}

/** Validates pattern files read by {@link readPatternSources}. */
export function parsePatternSources(sources: readonly PatternSource[]): SourceFile[] {
  return sources.map(({ path, text, category, lang }) => {
    if (!(RULE_LANGS as readonly string[]).includes(lang)) {
      throw new PatternError(path, `unknown language "${lang}" (expected one of ${RULE_LANGS.join(', ')})`);
    }
    const file = parseChecked(text, patternFileSchema, (problem, cause) => new PatternError(path, problem, { cause }));
    if (file.category !== category || file.language !== lang) {
      throw new PatternError(path, `file says ${file.category}/${file.language}, its path says ${category}/${lang}`);
    }
    return { path, file };
  });
}

/** Reads and validates every pattern file under `dir` (`<category>/<lang>.json`). */
export function readPatternFiles(dir: string = PATTERNS_DIR): SourceFile[] {
  return parsePatternSources(readPatternSources(dir));
}

/**
 * The stems of the pattern words, computed by `npm run train` (a test checks they match the stemmers). Missing or
 * unreadable, it is only slower: the words are stemmed at start-up.
 */
export function readStemSeed(path: string = STEMS_PATH): StemSeed {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (data === null || typeof data !== 'object') return {};
    const seed: StemSeed = {};
    for (const lang of LANGUAGES) {
      const entries = (data as Record<string, unknown>)[lang];
      if (entries && typeof entries === 'object') seed[lang] = entries as Record<string, string>;
    }
    return seed;
  } catch {
    return {};
  }
}

/**
 * Reads, validates and compiles the pattern set. When the files are those the snapshot (`models/patterns.json`)
 * was compiled from, the snapshot is loaded instead, which is several times faster; a missing, stale or unreadable
 * snapshot only means the full compile.
 */
export function loadPatterns(dir: string = PATTERNS_DIR, stemsPath: string = STEMS_PATH, snapshotPath: string = SNAPSHOT_PATH): PatternSet {
  const sources = readPatternSources(dir);
  const seed = readStemSeed(stemsPath);
  const snapshot = readBuilt(snapshotPath, hashSources(sources));
  const set = snapshot === undefined ? undefined : fromSnapshot(snapshot, seed);
  return set ?? compilePatterns(parsePatternSources(sources), seed);
}

/**
 * A file built from others for a fast start (`models/patterns.json`, `models/model-table.json`), parsed, when it
 * was built from files with this hash; undefined when it is missing, stale or unreadable.
 */
function readBuilt(path: string, hash: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  // the hash stands near the start: a stale snapshot is recognised without parsing it
  if (!text.slice(0, 200).includes(`"hash":"${hash}"`)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A model file that cannot be used. */
export class ModelError extends Error {
  constructor(readonly file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.name = 'ModelError';
  }
}

/**
 * Loads the model, or returns undefined when the file does not exist. Its scoring table comes from
 * `models/model-table.json` when that was written for this very file (same hash), which spares start-up deriving it.
 */
export function loadModel(path: string = MODEL_PATH, tablePath: string = MODEL_TABLE_PATH): Model | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ModelError(path, 'cannot be read', { cause: err });
  }
  const stored = readBuilt(tablePath, modelHash(raw));
  const fast = stored === undefined ? undefined : createModelFromTable(stored);
  if (fast) return fast;
  return createModel(parseChecked(raw, modelFileSchema, (problem, cause) => new ModelError(path, problem, { cause })));
}

/** Options of {@link loadEngine}. */
export interface LoadOptions {
  readonly patternsDir?: string;
  readonly modelPath?: string;
  /** `false` screens with rules alone. */
  readonly useModel?: boolean;
}

/** Loads patterns and model and builds the screening engine. */
export function loadEngine(options: LoadOptions = {}): Engine {
  const patterns = loadPatterns(options.patternsDir);
  const model = options.useModel === false ? undefined : loadModel(options.modelPath);
  return createEngine(patterns, model ? { model } : {});
}
