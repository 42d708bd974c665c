/**
 * Short-lived per-chat state, in memory only (never on disk): what the bot waits for (a date, a situation step),
 * the tactics found in recent messages (not their text) for the conversation memory, and recently screened texts
 * so the "Check my order" button can fill /check. Everything expires.
 */
import type { Category } from '../core/categories.js';
import type { Delivery, DisputeState } from '../advisor/situation.js';

/** A /check being filled in. */
export interface CheckDraft {
  delivery?: Delivery;
  dispute?: DisputeState;
  /** Epoch ms of the protection end. */
  protectionEnds?: number;
  sellerMessage?: string;
  endsAsked?: boolean;
  messageAsked?: boolean;
}

/** What the bot waits for in a chat. */
export type Pending =
  | { readonly kind: 'deadline-date'; readonly deadlineId?: number; readonly label?: string | null }
  | { readonly kind: 'check'; readonly step: 'delivery' | 'dispute' | 'ends' | 'message'; readonly draft: CheckDraft };

interface ChatState {
  pending?: { value: Pending; at: number };
  recent: Array<{ at: number; categories: readonly Category[] }>;
}

export interface Sessions {
  pending(chatId: number): Pending | undefined;
  setPending(chatId: number, p: Pending | undefined): void;
  /** Records the tactics of a screened message and returns them for the memory window, this one included. */
  remember(chatId: number, categories: readonly Category[]): ReadonlyArray<readonly Category[]>;
  /** Keeps a screened text for the buttons under its reply; returns a short token. */
  keepText(chatId: number, text: string): string;
  text(chatId: number, token: string): string | undefined;
  forget(chatId: number): void;
  /** Drops expired state of every chat. */
  sweep(): void;
}

const PENDING_MS = 30 * 60_000;
const MAX_TEXTS = 20;

export function createSessions(clock: () => number, memoryMs: number): Sessions {
  const chats = new Map<number, ChatState>();
  const texts = new Map<string, { chatId: number; text: string; at: number }>();
  let seq = 0;
  const chat = (id: number) => {
    let c = chats.get(id);
    if (!c) {
      c = { recent: [] };
      chats.set(id, c);
    }
    return c;
  };
  const keepMs = Math.max(memoryMs, 60_000);
  return {
    pending(chatId) {
      const p = chats.get(chatId)?.pending;
      if (!p || clock() - p.at > PENDING_MS) return undefined;
      return p.value;
    },
    setPending(chatId, p) {
      const c = chat(chatId);
      c.pending = p ? { value: p, at: clock() } : undefined;
    },
    remember(chatId, categories) {
      const c = chat(chatId);
      const now = clock();
      c.recent = c.recent.filter((r) => now - r.at <= memoryMs);
      if (memoryMs > 0) c.recent.push({ at: now, categories });
      return memoryMs > 0 ? c.recent.map((r) => r.categories) : [categories];
    },
    keepText(chatId, text) {
      const token = (++seq).toString(36);
      texts.set(token, { chatId, text, at: clock() });
      const own = [...texts].filter(([, v]) => v.chatId === chatId);
      if (own.length > MAX_TEXTS) texts.delete(own[0]![0]);
      return token;
    },
    text(chatId, token) {
      const t = texts.get(token);
      if (!t || t.chatId !== chatId || clock() - t.at > keepMs) return undefined;
      return t.text;
    },
    forget(chatId) {
      chats.delete(chatId);
      for (const [k, v] of texts) if (v.chatId === chatId) texts.delete(k);
    },
    sweep() {
      const now = clock();
      for (const [id, c] of chats) {
        c.recent = c.recent.filter((r) => now - r.at <= memoryMs);
        if (c.pending && now - c.pending.at > PENDING_MS) c.pending = undefined;
        if (c.recent.length === 0 && !c.pending) chats.delete(id);
      }
      for (const [k, v] of texts) if (now - v.at > keepMs) texts.delete(k);
    },
  };
}
