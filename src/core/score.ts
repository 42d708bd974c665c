/**
 * From category confidences to a score, a level and advice. The numbers here are the project's scoring policy,
 * documented in the README ("How a verdict is computed").
 */
import type { Advice, Category } from './categories.js';

/** How much harm a category does on its own (0-1): ending the dispute or paying outside the platform is worst. */
export const DANGER: Record<Category, number> = {
  close_dispute: 0.95,
  offplatform_refund: 0.95,
  coupon_promise: 0.75,
  resend_promise: 0.7,
  pity_story: 0.65,
  extend_then_wait: 0.6,
  buyer_blame: 0.6,
};

/** Combinations that make a message worse than its parts: "close the dispute and I refund by PayPal". */
const COMBOS: ReadonlyArray<readonly [Category, Category, number]> = [
  ['close_dispute', 'offplatform_refund', 0.6],
  ['close_dispute', 'resend_promise', 0.45],
  ['close_dispute', 'coupon_promise', 0.45],
  ['close_dispute', 'extend_then_wait', 0.4],
  ['close_dispute', 'pity_story', 0.4],
  ['offplatform_refund', 'pity_story', 0.3],
  ['close_dispute', 'buyer_blame', 0.3],
];

/** A category is reported when its confidence reaches this. */
export const REPORT_THRESHOLD = 0.5;

/** Level boundaries: `low` below MEDIUM_FROM, `high` from HIGH_FROM. */
export const MEDIUM_FROM = 30;
export const HIGH_FROM = 65;

/** Risk level of a score. */
export type Level = 'low' | 'medium' | 'high';

/** The fixed function from score to level. */
export function levelOf(score: number): Level {
  if (score >= HIGH_FROM) return 'high';
  if (score >= MEDIUM_FROM) return 'medium';
  return 'low';
}

/**
 * Score 0-100 from the reported categories' confidences: a noisy-or of confidence times danger, raised for
 * dangerous combinations and for pressure repeated within the message (`repeats`: extra hits beyond the first).
 */
export function scoreOf(confidence: Partial<Record<Category, number>>, repeats = 0): number {
  let safe = 1;
  for (const [c, v] of Object.entries(confidence) as [Category, number][]) safe *= 1 - DANGER[c] * v;
  let risk = 1 - safe;
  for (const [a, b, boost] of COMBOS) {
    const va = confidence[a] ?? 0;
    const vb = confidence[b] ?? 0;
    if (va > 0 && vb > 0) risk += (1 - risk) * boost * Math.min(va, vb);
  }
  if (risk > 0 && repeats > 0) risk += (1 - risk) * Math.min(0.3, 0.1 * repeats);
  return Math.max(0, Math.min(100, Math.round(risk * 100)));
}

/** Advice for each category, most important first. */
const ADVICE_FOR: Record<Category, readonly Advice[]> = {
  close_dispute: ['keep_dispute_open', 'never_accept_seller_solution'],
  offplatform_refund: ['refuse_offplatform', 'keep_dispute_open'],
  pity_story: ['ignore_pity_and_gifts', 'keep_dispute_open'],
  coupon_promise: ['ignore_pity_and_gifts', 'keep_dispute_open'],
  extend_then_wait: ['request_extension', 'cancel_only_after_extension', 'set_deadline_reminder'],
  resend_promise: ['cancel_only_after_extension', 'require_new_tracking'],
  buyer_blame: ['collect_evidence', 'escalate'],
};

/** Global order of importance: what loses money irreversibly comes first. */
const PRIORITY: readonly Advice[] = [
  'keep_dispute_open',
  'never_accept_seller_solution',
  'refuse_offplatform',
  'cancel_only_after_extension',
  'require_new_tracking',
  'request_extension',
  'collect_evidence',
  'escalate',
  'ignore_pity_and_gifts',
  'set_deadline_reminder',
];

/** Advice ids for the detected categories, most important first, without repeats. */
export function adviceFor(categories: readonly Category[]): Advice[] {
  const wanted = new Set<Advice>();
  for (const c of categories) for (const a of ADVICE_FOR[c]) wanted.add(a);
  return PRIORITY.filter((a) => wanted.has(a));
}
