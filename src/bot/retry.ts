/**
 * Calls to the Bot API with Telegram's rules for failure: 429 waits `retry_after` and tries again; 5xx and network
 * errors back off exponentially; 403 means the user blocked the bot (no retry); other 4xx are final.
 */

/** The user blocked the bot or left the chat: send nothing more. */
export class BlockedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the user blocked the bot (403)', options);
    this.name = 'BlockedError';
  }
}

export interface RetryOptions {
  /** Sleeps `ms` (injected so tests need not wait). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly attempts?: number;
  /** Longest retry_after honoured; a longer one fails the call. */
  readonly maxRetryAfterMs?: number;
  readonly baseDelayMs?: number;
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

interface ApiErrorLike {
  code?: number | string;
  response?: { error_code?: number; parameters?: { retry_after?: number } };
  parameters?: { retry_after?: number };
}

const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

/** What a failed call means: the status code (0 for network errors) and retry_after, if any. */
export function classify(err: unknown): { status: number; retryAfter?: number; network: boolean } {
  const e = err as ApiErrorLike & { cause?: ApiErrorLike; errno?: string; type?: string };
  const status = e?.response?.error_code ?? (typeof e?.code === 'number' ? e.code : 0);
  const retryAfter = e?.response?.parameters?.retry_after ?? e?.parameters?.retry_after;
  const code = typeof e?.code === 'string' ? e.code : (e?.cause?.code as string | undefined);
  const network = status === 0 && (NETWORK.has(String(code)) || e?.type === 'system' || (err as Error)?.name === 'FetchError');
  return { status, network, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

/** Runs `call`, retrying as Telegram asks. Throws {@link BlockedError} on 403. */
export async function withRetry<T>(call: () => Promise<T>, o: RetryOptions): Promise<T> {
  const attempts = o.attempts ?? 5;
  const maxRetryAfter = o.maxRetryAfterMs ?? 120_000;
  const base = o.baseDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const { status, retryAfter, network } = classify(err);
      if (status === 403) throw new BlockedError({ cause: err });
      let delay: number | undefined;
      let reason = '';
      if (status === 429) {
        delay = Math.max(0, (retryAfter ?? 1) * 1000);
        reason = '429';
        if (delay > maxRetryAfter) throw err;
      } else if (status >= 500 || network) {
        delay = Math.min(base * 2 ** (attempt - 1), 15_000);
        reason = network ? 'network' : String(status);
      }
      if (delay === undefined || attempt >= attempts) throw err;
      o.onRetry?.({ attempt, delayMs: delay, reason });
      await o.sleep(delay);
    }
  }
}
