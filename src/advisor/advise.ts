/**
 * The order advisor: the rules of thumb of the domain brief turned into a plan. Pure: the situation (dates
 * already resolved) and the verdict on the seller's message in, numbered steps with reasons out.
 */
import type { Advice, Category } from '../core/categories.js';
import type { Verdict } from '../core/engine.js';
import type { Level } from '../core/score.js';
import type { Situation } from './situation.js';

/** Why a step is advised; each id has a one-line text in the locales (`check.reason.<id>`). */
export type Reason =
  | 'ends-soon-no-dispute'
  | 'problem-no-dispute'
  | 'expired-keep-open'
  | 'seller-asks-close'
  | 'accept-is-final'
  | 'delivery-after-end'
  | 'wait-needs-extension'
  | 'resend-offer'
  | 'offplatform-offer'
  | 'evidence-for-dispute'
  | 'seller-pushes'
  | 'mediator-wait'
  | 'received-fine'
  | 'overdue'
  | 'pity-or-gift'
  | 'keep-deadline'
  | 'dispute-protects';

/** Irreversible clicks to warn about (`check.warning.<id>`). */
export type Warning = 'cancel-after-expiry' | 'accept-no-refund' | 'close-escalated' | 'expired-no-dispute';

/** One step of the plan. */
export interface Step {
  readonly advice: Advice;
  readonly reason: Reason;
}

/** The advisor's answer. */
export interface Plan {
  readonly risk: Level;
  /** Days until protection ends (negative once it has ended), two decimals; null when unknown. */
  readonly protectionDaysLeft: number | null;
  readonly advice: readonly Advice[];
  readonly steps: readonly Step[];
  readonly warnings: readonly Warning[];
  readonly verdict?: Verdict;
}

const DAY = 86_400_000;
/** Under this many days of protection, a dispute must be opened now. */
export const OPEN_NOW_DAYS = 2;
/** Delivery this many days after the order counts as far overdue (the guide: ~50 days). */
export const OVERDUE_DAYS = 50;
/** Under this many days, an extension should be asked for now (Russian guides: 5-7 days before the end). */
export const ASK_EXTENSION_DAYS = 7;

const RANK: Record<Level, number> = { low: 0, medium: 1, high: 2 };
const maxLevel = (a: Level, b: Level): Level => (RANK[a] >= RANK[b] ? a : b);

/** Builds the plan for a situation and the verdict on the seller's message (if any). */
export function advise(s: Situation, verdict?: Verdict): Plan {
  const steps: Step[] = [];
  const warnings = new Set<Warning>();
  const add = (advice: Advice, reason: Reason) => {
    if (!steps.some((x) => x.advice === advice)) steps.push({ advice, reason });
  };
  const found = new Set<Category>(verdict?.categories.map((c) => c.id) ?? []);
  const daysLeft = s.protectionEnds ? (s.protectionEnds.getTime() - s.now.getTime()) / DAY : null;
  const expired = daysLeft !== null && daysLeft <= 0;
  const endsSoon = daysLeft !== null && daysLeft > 0 && daysLeft < OPEN_NOW_DAYS;
  const problem = s.delivery !== 'received_ok';
  const disputeActive = s.dispute === 'open' || s.dispute === 'escalated';
  const sellerPressure = found.has('close_dispute') || found.has('extend_then_wait') || found.has('resend_promise');
  const overdue = s.delivery === 'not_received' && s.orderDate !== undefined && (s.now.getTime() - s.orderDate.getTime()) / DAY > OVERDUE_DAYS;
  let risk: Level = 'low';

  // protection over with no dispute: the order has completed
  if (expired && !disputeActive && problem) {
    warnings.add('expired-no-dispute');
    risk = 'high';
  }
  // an open dispute near or after the end of protection: never cancel it
  if (disputeActive && problem && (expired || endsSoon)) {
    add('keep_dispute_open', expired ? 'expired-keep-open' : 'seller-asks-close');
    warnings.add('cancel-after-expiry');
    risk = maxLevel(risk, sellerPressure ? 'high' : 'medium');
  }
  // no dispute and the end is near: open one now
  if (problem && !disputeActive && !expired && s.dispute !== 'closed') {
    if (endsSoon) {
      add('open_dispute_now', 'ends-soon-no-dispute');
      risk = 'high';
    } else if (s.delivery !== 'not_received') {
      add('open_dispute_now', 'problem-no-dispute');
      risk = maxLevel(risk, 'medium');
    }
  }
  if (s.dispute === 'escalated' && s.mediatorWaitDays !== undefined) {
    add('wait_for_mediator', 'mediator-wait');
    warnings.add('close-escalated');
  }
  if (s.dispute === 'escalated') warnings.add('close-escalated');
  if (found.has('close_dispute') && problem) {
    add('keep_dispute_open', 'seller-asks-close');
    add('never_accept_seller_solution', 'accept-is-final');
    warnings.add('accept-no-refund');
    risk = maxLevel(risk, 'high');
  }
  if (found.has('offplatform_refund')) {
    add('refuse_offplatform', 'offplatform-offer');
    risk = maxLevel(risk, 'high');
  }
  if (overdue) {
    add('insist_on_refund', 'overdue');
    risk = maxLevel(risk, 'medium');
  }
  // waiting for a parcel: have protection extended first
  const deliveryAfterEnd =
    s.delivery === 'not_received' && s.expectedDelivery !== undefined && s.protectionEnds !== undefined && s.expectedDelivery > s.protectionEnds;
  const waitAsked = found.has('extend_then_wait') || found.has('resend_promise') || deliveryAfterEnd;
  if (problem && !expired && !overdue && waitAsked) {
    add('request_extension', deliveryAfterEnd ? 'delivery-after-end' : 'wait-needs-extension');
    if (disputeActive) add('cancel_only_after_extension', 'wait-needs-extension');
    risk = maxLevel(risk, 'medium');
  } else if (s.delivery === 'not_received' && !expired && daysLeft !== null && daysLeft < ASK_EXTENSION_DAYS && !endsSoon) {
    add('request_extension', 'delivery-after-end');
  }
  if (found.has('resend_promise') && problem) {
    if (disputeActive) add('cancel_only_after_extension', 'resend-offer');
    add('require_new_tracking', 'resend-offer');
  }
  if (s.delivery === 'defective' || s.delivery === 'wrong_item' || s.delivery === 'wrong_quantity') {
    add('collect_evidence', 'evidence-for-dispute');
    risk = maxLevel(risk, 'medium');
  }
  if (found.has('buyer_blame') || (disputeActive && found.has('close_dispute') && found.has('extend_then_wait'))) {
    add('collect_evidence', 'seller-pushes');
    add('escalate', 'seller-pushes');
    risk = maxLevel(risk, 'medium');
  }
  if (found.has('pity_story') || found.has('coupon_promise')) add('ignore_pity_and_gifts', 'pity-or-gift');
  if (s.delivery === 'received_ok' && disputeActive) add('confirm_when_satisfied', 'received-fine');
  if (problem && disputeActive) add('keep_dispute_open', 'dispute-protects');
  if (problem && !expired && s.protectionEnds !== undefined) add('set_deadline_reminder', 'keep-deadline');
  if (problem && s.protectionEnds === undefined && s.dispute !== 'closed') add('set_deadline_reminder', 'keep-deadline');

  if (verdict) risk = maxLevel(risk, verdict.level);
  return {
    risk,
    protectionDaysLeft: daysLeft === null ? null : Math.round(daysLeft * 100) / 100,
    advice: steps.map((x) => x.advice),
    steps,
    warnings: [...warnings],
    ...(verdict ? { verdict } : {}),
  };
}
