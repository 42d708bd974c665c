/**
 * Pressure that repeats across a conversation: the guide counts many messages asking to close the dispute as a
 * sign of a dishonest seller, so each repeat raises the score of a message that itself uses a tactic.
 */
import type { Category } from './categories.js';
import type { Verdict } from './engine.js';
import { levelOf } from './score.js';

/** Points added per earlier message of the conversation that also used a tactic, and the cap. */
export const REPEAT_POINTS = 7;
export const REPEAT_CAP = 21;

/** A verdict seen in its conversation. */
export interface ConversationVerdict extends Verdict {
  /** Messages in the conversation (this one included) asking to close the dispute. */
  readonly closeAsks: number;
  /** Earlier messages in the conversation with a tactic. */
  readonly earlierTactics: number;
}

/** Adjusts a verdict for the conversation `history` (tactics of each message, oldest first, this one last). */
export function inConversation(v: Verdict, history: ReadonlyArray<readonly Category[]>): ConversationVerdict {
  const closeAsks = history.filter((c) => c.includes('close_dispute')).length;
  const earlierTactics = history.slice(0, -1).filter((c) => c.length > 0).length;
  if (v.categories.length === 0 || earlierTactics === 0) return { ...v, closeAsks, earlierTactics };
  const score = Math.min(100, v.score + Math.min(REPEAT_CAP, REPEAT_POINTS * earlierTactics));
  return { ...v, score, level: levelOf(score), closeAsks, earlierTactics };
}
