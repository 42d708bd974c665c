/** The rules of thumb of the domain brief, one row each, plus the date edges. */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { parseSituation, SituationError } from '../../src/advisor/situation.js';
import type { Category } from '../../src/core/categories.js';
import type { Verdict } from '../../src/core/engine.js';

const NOW = '2026-12-01T10:00:00Z';
const clock = () => new Date(NOW);

/** A verdict carrying the given categories (the advisor only reads categories and level). */
function verdictOf(categories: Category[], level: Verdict['level'] = categories.length ? 'high' : 'low'): Verdict {
  return { language: 'en', score: categories.length ? 80 : 5, level, categories: categories.map((id) => ({ id, confidence: 0.9, evidence: [] })), advice: [], findings: [] };
}

function plan(input: Record<string, unknown>, categories: Category[] = []) {
  return advise(parseSituation({ now: NOW, ...input }, clock), categories.length ? verdictOf(categories) : undefined);
}

describe('rules of thumb (DOMAIN.md)', () => {
  it.each([
    {
      rule: 'protection expired, no dispute: the order has completed',
      input: { delivery: 'not_received', dispute: 'none', protectionEnds: '2026-11-28' },
      cats: [],
      advice: [],
      excluded: ['open_dispute_now'],
      warnings: ['expired-no-dispute'],
      risk: 'high',
    },
    {
      rule: 'protection expired, dispute open, seller asks to cancel: keep it open',
      input: { delivery: 'not_received', dispute: 'open', protectionEnds: '2026-11-30' },
      cats: ['close_dispute', 'extend_then_wait'],
      advice: ['keep_dispute_open'],
      first: 'keep_dispute_open',
      warnings: ['cancel-after-expiry'],
      risk: 'high',
    },
    {
      rule: 'protection nearly over, dispute open, seller asks to wait: keep it open',
      input: { delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-02T08:00:00Z' },
      cats: ['extend_then_wait'],
      advice: ['keep_dispute_open'],
      first: 'keep_dispute_open',
      warnings: ['cancel-after-expiry'],
      risk: 'high',
    },
    {
      rule: 'not received, under 48 h left, no dispute: open one now',
      input: { delivery: 'not_received', dispute: 'none', protectionEnds: '2026-12-02' },
      cats: [],
      advice: ['open_dispute_now'],
      first: 'open_dispute_now',
      risk: 'high',
    },
    {
      rule: 'not received, delivery promised after the end, days left: extension, then cancel only after it',
      input: { delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-10', expectedDelivery: '2026-12-15' },
      cats: [],
      advice: ['request_extension', 'cancel_only_after_extension'],
      risk: 'medium',
    },
    {
      rule: 'seller offers a resend if the dispute is cancelled',
      input: { delivery: 'defective', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: ['resend_promise', 'close_dispute'],
      advice: ['keep_dispute_open', 'cancel_only_after_extension', 'require_new_tracking'],
      risk: 'high',
    },
    {
      rule: 'defective item and a PayPal offer: evidence, refuse off-platform',
      input: { delivery: 'defective', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: ['offplatform_refund'],
      advice: ['collect_evidence', 'refuse_offplatform'],
      risk: 'high',
    },
    {
      rule: 'wrong item, no dispute yet: open one and collect evidence',
      input: { delivery: 'wrong_item', dispute: 'none', protectionEnds: '2026-12-20' },
      cats: [],
      advice: ['open_dispute_now', 'collect_evidence'],
      risk: 'medium',
    },
    {
      rule: 'wrong quantity: collect evidence',
      input: { delivery: 'wrong_quantity', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: [],
      advice: ['collect_evidence', 'keep_dispute_open'],
      risk: 'medium',
    },
    {
      rule: 'escalated, the mediator asks to wait N days',
      input: { delivery: 'not_received', dispute: 'escalated', protectionEnds: '2026-12-20', mediatorWaitDays: 10 },
      cats: [],
      advice: ['wait_for_mediator'],
      first: 'wait_for_mediator',
      warnings: ['close-escalated'],
      risk: 'low',
    },
    {
      rule: 'item arrived and fine during a dispute: confirm',
      input: { delivery: 'received_ok', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: [],
      advice: ['confirm_when_satisfied'],
      excluded: ['keep_dispute_open', 'open_dispute_now'],
      risk: 'low',
    },
    {
      rule: 'overdue by more than 50 days: insist on the refund',
      input: { delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-20', orderDate: '2026-09-20' },
      cats: ['extend_then_wait'],
      advice: ['insist_on_refund'],
      excluded: ['cancel_only_after_extension'],
      risk: 'high',
    },
    {
      rule: 'seller accuses the buyer: evidence and escalate',
      input: { delivery: 'defective', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: ['buyer_blame'],
      advice: ['collect_evidence', 'escalate'],
      risk: 'high',
    },
    {
      rule: 'seller asks to accept a solution: never accept',
      input: { delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: ['close_dispute'],
      advice: ['keep_dispute_open', 'never_accept_seller_solution'],
      warnings: ['accept-no-refund'],
      risk: 'high',
    },
    {
      rule: 'sob story or coupon: ignore',
      input: { delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-20' },
      cats: ['pity_story', 'coupon_promise'],
      advice: ['ignore_pity_and_gifts'],
      risk: 'high',
    },
  ] as const)('$rule', (row) => {
    const p = plan(row.input, [...row.cats]);
    for (const a of row.advice) expect(p.advice, a).toContain(a);
    for (const a of (row as { excluded?: readonly string[] }).excluded ?? []) expect(p.advice, a).not.toContain(a);
    if ('first' in row) expect(p.advice[0]).toBe(row.first);
    for (const w of (row as { warnings?: readonly string[] }).warnings ?? []) expect(p.warnings).toContain(w as never);
    expect(p.risk).toBe(row.risk);
    expect(new Set(p.advice).size).toBe(p.advice.length);
    expect(p.steps.map((s) => s.advice)).toEqual(p.advice);
  });
});

describe('dates', () => {
  it('counts days left to the end of the protection day', () => {
    expect(plan({ delivery: 'not_received', dispute: 'open', protectionEnds: '2026-12-03' }).protectionDaysLeft).toBe(2.58);
    expect(plan({ delivery: 'not_received', dispute: 'open' }).protectionDaysLeft).toBeNull();
  });

  it('treats protection ending today as under 48 h', () => {
    const p = plan({ delivery: 'not_received', dispute: 'none', protectionEnds: '2026-12-01' });
    expect(p.protectionDaysLeft).toBe(0.58);
    expect(p.advice[0]).toBe('open_dispute_now');
  });

  it('treats protection that ended an hour ago as expired', () => {
    const p = plan({ delivery: 'not_received', dispute: 'none', protectionEnds: '2026-12-01T09:00:00Z' });
    expect(p.protectionDaysLeft).toBeLessThan(0);
    expect(p.advice).not.toContain('open_dispute_now');
    expect(p.warnings).toContain('expired-no-dispute');
  });

  it('reads a date without a zone in the user\'s time zone', () => {
    // 2026-12-01 ends at 23:59:59 in Tokyo = 14:59:59 UTC: 5 hours after NOW
    const tokyo = plan({ delivery: 'not_received', dispute: 'none', protectionEnds: '2026-12-01', tz: 'Asia/Tokyo' });
    expect(tokyo.protectionDaysLeft).toBe(0.21);
    // in Honolulu (UTC-10) the same date ends at 09:59:59 UTC the next day: 24 hours after NOW
    const honolulu = plan({ delivery: 'not_received', dispute: 'none', protectionEnds: '2026-12-01', tz: 'Pacific/Honolulu' });
    expect(honolulu.protectionDaysLeft).toBe(1);
  });
});

describe('parseSituation', () => {
  it.each([
    [{ dispute: 'open' }, /^delivery: expected one of/],
    [{ delivery: 'lost', dispute: 'open' }, /^delivery: expected one of/],
    [{ delivery: 'not_received', dispute: 'maybe' }, /^dispute: expected one of/],
    [{ delivery: 'not_received', dispute: 'open', protectionEnds: '5 Dec' }, /^protectionEnds: expected a date/],
    [{ delivery: 'not_received', dispute: 'open', protectionEnds: '2026-02-30' }, /^protectionEnds: 2026-02-30 is not a calendar date/],
    [{ delivery: 'not_received', dispute: 'open', tz: 'Mars/Base' }, /^tz: expected an IANA time zone/],
    [{ delivery: 'not_received', dispute: 'open', mediatorWaitDays: -1 }, /^mediatorWaitDays:/],
    [{ delivery: 'not_received', dispute: 'open', colour: 'red' }, /^colour: unknown field/],
    ['not an object', /^situation:/],
  ])('rejects %j naming the field', (input, message) => {
    let error: unknown;
    try {
      parseSituation(input, clock);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SituationError);
    expect((error as Error).message).toMatch(message);
  });

  it('defaults now to the clock', () => {
    expect(parseSituation({ delivery: 'received_ok', dispute: 'none' }, clock).now.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });
});
