/**
 * A small Bot API server on 127.0.0.1: enough of Telegram's HTTP API for the bot to run against it. Console mode
 * chats through it, and end-to-end tests drive the real bot through it, injecting faults (429, 5xx, 403).
 * `getUpdates` is a long poll, like the real server, so polling does not spin.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A call the bot made. */
export interface ApiCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/** A Bot API error to answer with instead of success. */
export interface ApiFault {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number };
}

/** Decides per call whether to answer with a fault (return undefined for a normal answer). */
export type FaultHook = (method: string, body: Record<string, unknown>) => ApiFault | undefined;

export interface LocalBotApi {
  /** The API root to give the bot (`TELEGRAM_API_ROOT`). */
  readonly url: string;
  /** Queues an update for `getUpdates`; returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Every call so far, in order (getUpdates excluded). */
  readonly calls: ApiCall[];
  /** Calls events: 'call' (ApiCall). */
  readonly events: EventEmitter;
  /** Waits until `predicate` holds for some call (checked on past and new calls). */
  waitFor(predicate: (c: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** Sets the fault hook. */
  setFaults(hook: FaultHook | undefined): void;
  /** Stops the server, answering open long polls first. */
  close(): Promise<void>;
}

const BOT_USER = { id: 424242, is_bot: true, first_name: 'Dispute Guard', username: 'dispute_guard_bot' };

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Starts the server on 127.0.0.1 and a free port (or `port`). */
export async function startLocalBotApi(options: { port?: number; maxPollSeconds?: number } = {}): Promise<LocalBotApi> {
  const maxPoll = options.maxPollSeconds ?? 50;
  const updates: Array<Record<string, unknown> & { update_id: number }> = [];
  const waiting = new Set<() => void>();
  const calls: ApiCall[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let nextUpdate = 1;
  let nextMessage = 1000;
  let faults: FaultHook | undefined;
  let closing = false;

  const wake = () => {
    for (const w of [...waiting]) w();
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const data = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
    res.end(data);
  };

  const message = (body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    message_id: nextMessage++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(body.chat_id), type: Number(body.chat_id) < 0 ? 'group' : 'private' },
    from: BOT_USER,
    text: body.text,
    ...extra,
  });

  async function getUpdates(body: Record<string, unknown>): Promise<unknown[]> {
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 100);
    const timeout = Math.min(Number(body.timeout ?? 0), maxPoll);
    // confirmed updates are forgotten, as on the real server
    while (updates.length > 0 && updates[0]!.update_id < offset) updates.shift();
    if (updates.length === 0 && timeout > 0 && !closing) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        waiting.add(done);
      });
    }
    return updates.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url?.split('?')[0] ?? '');
      if (!m) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const method = m[2]!;
      let body: Record<string, unknown>;
      try {
        body = await readBody(req);
      } catch {
        return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid body' });
      }
      if (method === 'getUpdates') return answer(res, 200, { ok: true, result: await getUpdates(body) });
      const call: ApiCall = { method, body, at: Date.now() };
      const fault = faults?.(method, body);
      calls.push(call);
      events.emit('call', call);
      if (fault) return answer(res, fault.error_code, { ok: false, ...fault });
      switch (method) {
        case 'getMe':
          return answer(res, 200, { ok: true, result: BOT_USER });
        case 'sendMessage':
          return answer(res, 200, { ok: true, result: message(body) });
        case 'editMessageText':
          return answer(res, 200, { ok: true, result: message(body, { message_id: Number(body.message_id) }) });
        default:
          return answer(res, 200, { ok: true, result: true });
      }
    })().catch(() => answer(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' }));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    events,
    pushUpdate(update) {
      const id = nextUpdate++;
      updates.push({ ...update, update_id: id });
      wake();
      return id;
    },
    waitFor(predicate, timeoutMs = 5000) {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onCall = (c: ApiCall) => {
          if (predicate(c)) {
            clearTimeout(timer);
            events.off('call', onCall);
            resolve(c);
          }
        };
        const timer = setTimeout(() => {
          events.off('call', onCall);
          reject(new Error(`no matching Bot API call within ${timeoutMs} ms`));
        }, timeoutMs);
        events.on('call', onCall);
      });
    },
    setFaults(hook) {
      faults = hook;
    },
    async close() {
      closing = true;
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
