import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import {
  accountSchema, challengeSchema, codeCheckSchema, depositListSchema, depositSchema, errorBodySchema, withdrawalListSchema, withdrawalSchema,
  type Account, type Challenge, type CodeCheck, type Deposit, type VerificationChannel, type Withdrawal,
} from './contract.js';
import { signedHeaders } from './signing.js';

export type ExchangeFailure = 'timeout' | 'network' | 'status' | 'bad_response' | 'rejected';

/** The exchange could not give a trustworthy answer: 503 `exchange_unavailable`, never a guess. */
export class ExchangeError extends AppError {
  constructor(readonly reason: ExchangeFailure, message: string) {
    super('exchange_unavailable', message);
    this.name = 'ExchangeError';
  }
}

export interface ExchangeClientOptions {
  baseUrl: string;
  keyId: string;
  secret: string;
  timeoutMs: number;
  /** Further attempts for safe calls (GETs, POSTs with an Idempotency-Key). */
  retries?: number;
  /** First back-off; doubled each retry, plus jitter. */
  backoffMs?: number;
  log?: Logger;
}

interface Call<S extends z.ZodType> {
  schema: S;
  body?: unknown;
  /** Makes a POST safe to repeat: the exchange answers a repeat with the first result. */
  idempotencyKey?: string;
  /** A 404 means "no such thing" (null), not a failure. */
  nullOn404?: boolean;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seg = (s: string) => encodeURIComponent(s);

/**
 * The HTTP client for the adapter contract (docs/exchange-adapter.openapi.yaml): every request
 * signed, bounded by a timeout, retried with backoff only when repeating it cannot do anything
 * twice, and every answer checked against the contract before anyone believes it.
 */
export class ExchangeClient {
  private readonly base: URL;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(private readonly options: ExchangeClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 200;
  }

  account(uid: string): Promise<Account | null> {
    return this.call('GET', `v1/accounts/${seg(uid)}`, { schema: accountSchema, nullOn404: true });
  }

  async recentDeposits(uid: string, limit = 10): Promise<Deposit[]> {
    return (await this.call('GET', `v1/accounts/${seg(uid)}/deposits?limit=${limit}`, { schema: depositListSchema })).items;
  }

  async recentWithdrawals(uid: string, limit = 10): Promise<Withdrawal[]> {
    return (await this.call('GET', `v1/accounts/${seg(uid)}/withdrawals?limit=${limit}`, { schema: withdrawalListSchema })).items;
  }

  /** A deposit by its transaction hash (or the exchange's deposit id); null when the account has none. */
  deposit(uid: string, ref: string): Promise<Deposit | null> {
    return this.call('GET', `v1/accounts/${seg(uid)}/deposits/${seg(ref)}`, { schema: depositSchema, nullOn404: true });
  }

  /** A withdrawal by its transaction hash or withdrawal id; null when the account has none. */
  withdrawal(uid: string, ref: string): Promise<Withdrawal | null> {
    return this.call('GET', `v1/accounts/${seg(uid)}/withdrawals/${seg(ref)}`, { schema: withdrawalSchema, nullOn404: true });
  }

  sendVerificationCode(uid: string, channel: VerificationChannel, idempotencyKey: string): Promise<Challenge> {
    return this.call('POST', `v1/accounts/${seg(uid)}/verification-codes`, { schema: challengeSchema, body: { channel, purpose: 'support_verification' }, idempotencyKey });
  }

  /** Not retried: each check counts as an attempt against the code. */
  checkVerificationCode(uid: string, challengeId: string, code: string): Promise<CodeCheck> {
    return this.call('POST', `v1/accounts/${seg(uid)}/verification-codes/${seg(challengeId)}/check`, { schema: codeCheckSchema, body: { code } });
  }

  freeze(uid: string, reason: string, idempotencyKey: string): Promise<Account> {
    return this.call('POST', `v1/accounts/${seg(uid)}/freeze`, { schema: accountSchema, body: { reason }, idempotencyKey });
  }

  unfreeze(uid: string, reason: string, idempotencyKey: string): Promise<Account> {
    return this.call('POST', `v1/accounts/${seg(uid)}/unfreeze`, { schema: accountSchema, body: { reason }, idempotencyKey });
  }

  private async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, call: Call<S> & { nullOn404: true }): Promise<z.infer<S> | null>;
  private async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, call: Call<S>): Promise<z.infer<S>>;
  private async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, call: Call<S>): Promise<z.infer<S> | null> {
    const url = new URL(path, this.base);
    const body = call.body === undefined ? '' : JSON.stringify(call.body);
    const safe = method === 'GET' || call.idempotencyKey !== undefined;
    const attempts = safe ? 1 + this.retries : 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, url, body, call);
      if (outcome.kind === 'done') return outcome.value;
      if (!outcome.retryable || attempt >= attempts) {
        this.options.log?.warn({ path: url.pathname, attempts: attempt, reason: outcome.error.reason }, `exchange: ${outcome.error.message}`);
        throw outcome.error;
      }
      await sleep(outcome.retryAfterMs ?? this.backoffMs * 2 ** (attempt - 1) + Math.random() * (this.backoffMs / 2));
    }
  }

  private async attempt<S extends z.ZodType>(method: string, url: URL, body: string, call: Call<S>): Promise<
    { kind: 'done'; value: z.infer<S> | null } | { kind: 'failed'; error: ExchangeError; retryable: boolean; retryAfterMs?: number }
  > {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...signedHeaders(this.options.keyId, this.options.secret, method, url.pathname + url.search, body),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(call.idempotencyKey ? { 'idempotency-key': call.idempotencyKey } : {}),
    };
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      // The timeout covers the whole exchange: headers and body.
      const response = await fetch(url, { method, headers, ...(body ? { body } : {}), signal: AbortSignal.timeout(this.options.timeoutMs) });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return timedOut
        ? { kind: 'failed', error: new ExchangeError('timeout', `The exchange did not answer within ${this.options.timeoutMs} ms.`), retryable: true }
        : { kind: 'failed', error: new ExchangeError('network', `The exchange cannot be reached (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : String(err)}).`), retryable: true };
    }
    if (status === 404 && call.nullOn404) {
      const known = errorBodySchema.safeParse(safeJson(text));
      if (known.success && /not_found$/.test(known.data.error.code)) return { kind: 'done', value: null };
    }
    if (RETRYABLE_STATUS.has(status)) {
      const seconds = Number(retryAfter);
      return {
        kind: 'failed', error: new ExchangeError('status', `The exchange answered ${status}.`), retryable: true,
        ...(retryAfter && Number.isFinite(seconds) ? { retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, seconds * 1000) } : {}),
      };
    }
    if (status === 401 || status === 403) {
      return { kind: 'failed', error: new ExchangeError('rejected', `The exchange refused our signature (${status}); check EXCHANGE_KEY_ID and EXCHANGE_SECRET.`), retryable: false };
    }
    if (status < 200 || status >= 300) return { kind: 'failed', error: new ExchangeError('status', `The exchange answered ${status}.`), retryable: false };
    const parsed = call.schema.safeParse(safeJson(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { kind: 'failed', error: new ExchangeError('bad_response', `The exchange's answer does not follow the contract (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not JSON'}).`), retryable: false };
    }
    return { kind: 'done', value: parsed.data as z.infer<S> };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
