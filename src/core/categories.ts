/** Tactic categories, from the domain brief. */
export const CATEGORIES = [
  'close_dispute',
  'offplatform_refund',
  'pity_story',
  'coupon_promise',
  'extend_then_wait',
  'resend_promise',
  'buyer_blame',
] as const;

/** A tactic category id. */
export type Category = (typeof CATEGORIES)[number];

/** Advice ids, from the domain brief. */
export const ADVICE = [
  'keep_dispute_open',
  'never_accept_seller_solution',
  'cancel_only_after_extension',
  'request_extension',
  'open_dispute_now',
  'refuse_offplatform',
  'ignore_pity_and_gifts',
  'require_new_tracking',
  'collect_evidence',
  'escalate',
  'wait_for_mediator',
  'confirm_when_satisfied',
  'set_deadline_reminder',
  'insist_on_refund',
] as const;

/** An advice id. */
export type Advice = (typeof ADVICE)[number];
