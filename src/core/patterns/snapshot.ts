/**
 * A compiled pattern set as plain JSON (`models/patterns.json`, written by `npm run train`), so start-up can skip
 * validating and compiling ~800 rules when the pattern files have not changed since: the snapshot carries a hash of
 * the files it was compiled from, and is used only when the files on disk hash the same. A test checks that the
 * committed snapshot is exactly the compile of the current files.
 */
import { createHash } from 'node:crypto';
import type { Category } from '../categories.js';
import type { Alt, CompiledPhrase, CompiledRule, LangIndex, PatternSet, StemSeed, Step } from './compile.js';
import { slotStemmers, SLOTS, stepOf } from './compile.js';
import type { Trigger } from './regex-source.js';
import type { Rule, RuleLang } from './schema.js';

/** Changes whenever the snapshot's shape or the compiler's output changes. */
export const SNAPSHOT_VERSION = 4;

/** The hash of pattern files: their paths and texts, in order. */
export function hashSources(sources: ReadonlyArray<{ readonly path: string; readonly text: string }>): string {
  const h = createHash('sha256');
  h.update(`dispute-guard patterns v${SNAPSHOT_VERSION}\n`);
  for (const s of sources) h.update(`${s.path}\n${s.text.length}\n${s.text}\n`);
  return h.digest('hex');
}

interface SnapshotRule {
  id: string;
  category: Category;
  lang: RuleLang;
  kind: Rule['kind'];
  weight: number;
  groups: number;
  window: number;
  regex?: string;
  sticky?: boolean;
  /** See CompiledRule.required. */
  required?: string[];
  file: string;
}

/** The JSON form. */
export interface Snapshot {
  version: number;
  hash: string;
  rules: SnapshotRule[];
  /** Distinct steps: condition id, gap, alternatives joined by "|" (a prefix ends in "*"). */
  steps: [number, number, string][];
  /** Phrases: rule, group, slot, step indices, rest. */
  phrases: [number, number, number, number[], number[]][];
  /** Phrase indices by condition. */
  startsWith: number[][];
  /** Per slot: condition ids by stem, stem heads. */
  slots: { byStem: [string, number[]][]; stemHeads: string[] }[];
  byPrefix: [string, number[]][];
  conditions: number;
  regexRules: number[];
  regexAlways: number[];
  regexTriggers: [Trigger, number][];
  regexTextTriggers: [string, number][];
  lexicon: string[];
}

/** What a compiled rule and its snapshot share. */
function ruleFields(r: CompiledRule | SnapshotRule): Omit<SnapshotRule, 'regex' | 'sticky' | 'required'> {
  const { id, category, lang, kind, weight, groups, window, file } = r;
  return { id, category, lang, kind, weight, groups, window, file };
}

/** The snapshot of a compiled set. */
export function toSnapshot(set: PatternSet, hash: string): Snapshot {
  const stepIndex = new Map<Step, number>();
  const steps: Snapshot['steps'] = [];
  const phraseIndex = new Map<CompiledPhrase, number>();
  const phrases: Snapshot['phrases'] = [];
  const startsWith = set.startsWith.map((list) =>
    list.map((p) => {
      let k = phraseIndex.get(p);
      if (k === undefined) {
        const stepIds = p.steps.map((st) => {
          let s = stepIndex.get(st);
          if (s === undefined) {
            s = steps.length;
            stepIndex.set(st, s);
            steps.push([st.id, st.gap, st.alts.map((a) => (a.kind === 'prefix' ? `${a.value}*` : a.value)).join('|')]);
          }
          return s;
        });
        k = phrases.length;
        phraseIndex.set(p, k);
        phrases.push([p.rule, p.group, p.slot, stepIds, [...p.rest]]);
      }
      return k;
    }),
  );
  return {
    version: SNAPSHOT_VERSION,
    hash,
    rules: set.rules.map((r) => ({
      ...ruleFields(r),
      ...(r.regex ? { regex: r.regex.source, sticky: r.sticky !== undefined } : {}),
      ...(r.required ? { required: [...r.required] } : {}),
    })),
    steps,
    phrases,
    startsWith,
    slots: set.indexes.map((ix) => ({ byStem: [...ix.byStem].map(([k, v]) => [k, [...v]]), stemHeads: [...ix.stemHeads] })),
    byPrefix: [...set.byPrefix].map(([k, v]) => [k, [...v]]),
    conditions: set.conditions,
    regexRules: [...set.regexRules],
    regexAlways: [...set.regexAlways],
    regexTriggers: set.regexTriggers.map(([t, r]) => [t, r] as [Trigger, number]),
    regexTextTriggers: set.regexTextTriggers.map(([t, r]) => [t, r]),
    lexicon: [...set.lexicon],
  };
}

/** Rebuilds a pattern set from its snapshot; undefined when the snapshot is not one of this version. */
export function fromSnapshot(data: unknown, seed: StemSeed = {}): PatternSet | undefined {
  const snap = data as Snapshot;
  if (snap === null || typeof snap !== 'object' || snap.version !== SNAPSHOT_VERSION) return undefined;
  const stemmers = slotStemmers(seed);
  const rules: CompiledRule[] = snap.rules.map((r) => ({
    ...ruleFields(r),
    ...(r.regex !== undefined ? { regex: new RegExp(r.regex, 'gu') } : {}),
    ...(r.regex !== undefined && r.sticky ? { sticky: new RegExp(r.regex, 'uy') } : {}),
    ...(r.required ? { required: r.required } : {}),
  }));
  // stems and prefixes are letters, marks and digits: "|" and "*" cannot be part of them
  const steps: Step[] = snap.steps.map(([id, gap, alts]) =>
    stepOf(
      alts.split('|').map((a): Alt => (a.endsWith('*') ? { kind: 'prefix', value: a.slice(0, -1) } : { kind: 'stem', value: a })),
      gap,
      id,
    ),
  );
  const phrases: CompiledPhrase[] = snap.phrases.map(([rule, group, slot, stepIds, rest]) => ({
    rule,
    group,
    slot,
    steps: stepIds.map((s) => steps[s]!),
    rest,
  }));
  const indexes: LangIndex[] = SLOTS.map((lang, k) => {
    const slot = snap.slots[k]!;
    return {
      lang,
      stem: stemmers.get(lang)!,
      byStem: new Map(slot.byStem),
      stemHeads: new Set(slot.stemHeads),
    };
  });
  return {
    rules,
    indexes,
    byPrefix: new Map(snap.byPrefix),
    conditions: snap.conditions,
    startsWith: snap.startsWith.map((list) => list.map((p) => phrases[p]!)),
    regexRules: snap.regexRules,
    regexAlways: snap.regexAlways,
    regexTriggers: snap.regexTriggers,
    regexTextTriggers: snap.regexTextTriggers,
    lexicon: new Set(snap.lexicon),
  };
}
