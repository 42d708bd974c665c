/** An advisor plan put into words in one language. */
import type { Plan } from '../advisor/advise.js';
import type { Lang } from '../core/languages.js';
import type { I18n } from '../i18n.js';
import { formatWall } from '../time/zone.js';
import { formatLeft } from './time.js';

/** The parts of a /check answer, already translated. */
export interface PlanView {
  readonly header: string;
  readonly days: string;
  readonly steps: ReadonlyArray<{ readonly advice: string; readonly reason: string }>;
  readonly warnings: readonly string[];
}

/** Translates a plan; `ends` is the protection end, `tz` the user's zone for showing it. */
export function viewPlan(i18n: I18n, lang: Lang, plan: Plan, ends: Date | undefined, tz: string): PlanView {
  const risk = i18n.t(lang, `risk.${plan.risk}`);
  let days: string;
  if (plan.protectionDaysLeft === null || !ends) days = i18n.t(lang, 'check.days-unknown');
  else {
    const date = formatWall(ends, tz);
    const ms = plan.protectionDaysLeft * 86_400_000;
    if (ms <= 0) days = i18n.t(lang, 'check.expired', { left: formatLeft(i18n, lang, -ms), date });
    else if (ms < 86_400_000 && formatWall(ends, tz).slice(0, 10) === formatWall(new Date(ends.getTime() - ms), tz).slice(0, 10)) {
      days = i18n.t(lang, 'check.ends-today', { date });
    } else days = i18n.t(lang, 'check.days-left', { left: formatLeft(i18n, lang, ms), date });
  }
  return {
    header: i18n.t(lang, 'check.header', { risk }),
    days,
    steps: plan.steps.map((s) => ({ advice: i18n.t(lang, `advice.${s.advice}`), reason: i18n.t(lang, `check.reason.${s.reason}`) })),
    warnings: plan.warnings.map((w) => i18n.t(lang, `check.warning.${w}`)),
  };
}
