/** The order situation behind /check and `cli check` (shape in INTERFACES.md). */
import type * as Zod from 'zod';
import { lazySchema } from '../core/lazy-zod.js';
import { fromWallTime, isRealDate, isValidTimeZone } from '../time/zone.js';

export const DELIVERY = ['not_received', 'received_ok', 'defective', 'wrong_item', 'wrong_quantity'] as const;
export const DISPUTE = ['none', 'open', 'escalated', 'cancelled', 'closed'] as const;
export type Delivery = (typeof DELIVERY)[number];
export type DisputeState = (typeof DISPUTE)[number];

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The schema of a situation, built with zod's namespace (zod is loaded on first use: see lazy-zod.ts). */
function buildSituation(z: typeof Zod.z) {
  /** A date (`2026-12-05`) or date-time (`2026-12-05T18:00`, with or without an offset), as text. */
  const dateText = z.string().regex(DATE, 'expected a date like 2026-12-05 or 2026-12-05T18:00');
  return z.strictObject({
    now: dateText.optional(),
    delivery: z.enum(DELIVERY, { error: `expected one of ${DELIVERY.join(', ')}` }),
    dispute: z.enum(DISPUTE, { error: `expected one of ${DISPUTE.join(', ')}` }),
    protectionEnds: dateText.optional(),
    expectedDelivery: dateText.optional(),
    /** When the order was placed, to tell how overdue the delivery is. */
    orderDate: dateText.optional(),
    sellerMessage: z.string().max(100_000).optional(),
    mediatorWaitDays: z.number().int().min(0).max(365).optional(),
    /** IANA time zone of dates given without one; defaults to the configured zone. */
    tz: z.string().refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Paris').optional(),
  });
}

export const situationSchema = lazySchema(buildSituation);
export type SituationInput = Zod.infer<ReturnType<typeof buildSituation>>;

/** A situation with dates resolved to instants. */
export interface Situation {
  readonly now: Date;
  readonly delivery: Delivery;
  readonly dispute: DisputeState;
  readonly protectionEnds?: Date;
  readonly expectedDelivery?: Date;
  readonly orderDate?: Date;
  readonly sellerMessage?: string;
  readonly mediatorWaitDays?: number;
  readonly tz: string;
}

/** An invalid situation: names the field and what is expected. */
export class SituationError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: ${expected}`);
    this.name = 'SituationError';
  }
}

/**
 * Resolves a date text to an instant. A date alone means the end of that day (23:59:59) in `tz`, which is how the
 * platform shows a protection end date (or its start, with `endOfDay` false); a date-time without an offset is
 * read in `tz`.
 */
export function resolveDate(text: string, tz: string, field: string, endOfDay = true): Date {
  const m = DATE.exec(text);
  if (!m) throw new SituationError(field, 'expected a date like 2026-12-05 or 2026-12-05T18:00');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) throw new SituationError(field, `${text} is not a calendar date`);
  if (m[4] === undefined) {
    const [hour, minute, second] = endOfDay ? [23, 59, 59] : [0, 0, 0];
    return fromWallTime({ year, month, day, hour, minute, second }, tz);
  }
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new SituationError(field, `${text} is not a valid time`);
  if (m[7] !== undefined) {
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]}`;
    return new Date(iso);
  }
  return fromWallTime({ year, month, day, hour, minute, second }, tz);
}

/**
 * Validates raw input (parsed JSON) into a {@link Situation}.
 * @param clock the current time when `now` is not given
 * @param defaultTz the zone for dates without one when `tz` is not given
 */
export function parseSituation(input: unknown, clock: () => Date, defaultTz = 'UTC'): Situation {
  const parsed = situationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'situation';
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
    throw new SituationError(issue.code === 'unrecognized_keys' ? issue.keys[0]! : field, message);
  }
  const s = parsed.data;
  const tz = s.tz ?? defaultTz;
  const now = s.now ? resolveDate(s.now, tz, 'now', false) : clock();
  const opt = (v: string | undefined, f: string) => (v === undefined ? undefined : resolveDate(v, tz, f));
  return {
    now,
    delivery: s.delivery,
    dispute: s.dispute,
    protectionEnds: opt(s.protectionEnds, 'protectionEnds'),
    expectedDelivery: opt(s.expectedDelivery, 'expectedDelivery'),
    orderDate: opt(s.orderDate, 'orderDate'),
    sellerMessage: s.sellerMessage,
    mediatorWaitDays: s.mediatorWaitDays,
    tz,
  };
}
