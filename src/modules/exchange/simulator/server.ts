import { createHash, randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { verificationChannels, type Account, type Transaction } from '../contract.js';
import { verifySignature } from '../signing.js';
import { demoAccounts, type DemoAccount } from './demoAccounts.js';
import { memoryState, type SimulatorState } from './state.js';

/**
 * A simulated exchange backend: a real HTTP server speaking the adapter contract
 * (docs/exchange-adapter.openapi.yaml) on a loopback port, checking every signature, with the
 * demo accounts of demoAccounts.ts. `npm start` and the tests talk to it exactly as they would
 * to an exchange, over HTTP. Verification codes "sent" land in `mailbox` (and the log), where a
 * demo or a test reads them as the customer would read their email or SMS. What changes (freezes,
 * codes, idempotency keys) lives in `state` (state.ts): the installation's database in the app,
 * so every node's simulator is the same exchange.
 */
export interface SentCode {
  uid: string;
  channel: 'email' | 'phone';
  sentTo: string;
  code: string;
  challengeId: string;
}

/** Kept by the simulator like an exchange keeps it: the code only as a hash, even in a demo. */
interface ChallengeState extends Omit<SentCode, 'code'> {
  codeHash: string;
  expiresAt: number;
  attempts: number;
}

const hashCode = (challengeId: string, code: string) => createHash('sha256').update(`${challengeId}:${code}`).digest('hex');

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_ATTEMPTS = 5;

const sendBody = z.strictObject({ channel: z.enum(verificationChannels), purpose: z.literal('support_verification') });
const checkBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
const reasonBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

class HttpProblem extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export class ExchangeSimulator {
  readonly mailbox: SentCode[] = [];
  private readonly accounts: Map<string, DemoAccount>;
  private server: Server | null = null;
  private baseUrl = '';

  constructor(
    private readonly keys: Record<string, string>,
    private readonly onCodeSent: (sent: SentCode) => void = () => {},
    private readonly state: SimulatorState = memoryState(),
  ) {
    this.accounts = demoAccounts(Date.now());
  }

  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const check = verifySignature({ headers: req.headers, method: req.method ?? 'GET', path, body }, (keyId) => this.keys[keyId] ?? null);
    if (!check.ok) return send(401, { error: { code: 'signature_invalid', message: `Signature rejected: ${check.why}.` } });
    try {
      const key = req.headers['idempotency-key'];
      const idemKey = typeof key === 'string' ? `${req.method} ${path.split('?')[0]} ${key}` : null;
      const seen = idemKey ? await this.state.get<{ status: number; body: unknown }>('idempotency', idemKey) : undefined;
      if (seen) return send(seen.status, seen.body);
      const [status, payload] = await this.route(req.method ?? 'GET', new URL(path, 'http://simulator'), body, idemKey !== null);
      if (idemKey) await this.state.put('idempotency', idemKey, { status, body: payload });
      send(status, payload);
    } catch (err) {
      if (err instanceof HttpProblem) return send(err.status, { error: { code: err.code, message: err.message } });
      send(500, { error: { code: 'internal', message: 'Simulator error.' } });
    }
  }

  private async route(method: string, url: URL, raw: string, idempotent: boolean): Promise<[number, unknown]> {
    const m = /^\/v1\/accounts\/([^/]+)(?:\/(deposits|withdrawals|verification-codes|freeze|unfreeze)(?:\/([^/]+)(?:\/(check))?)?)?$/.exec(url.pathname);
    if (!m) throw new HttpProblem(404, 'route_not_found', 'No such endpoint.');
    const [, uidPart, section, ref, action] = m;
    const demo = this.accounts.get(decodeURIComponent(uidPart!));
    if (!demo) throw new HttpProblem(404, 'account_not_found', 'No account with this UID.');
    // The demo account as shipped, unless a freeze or unfreeze (through any node) changed it.
    const account = (await this.state.get<Account>('account', demo.account.uid)) ?? demo.account;
    const json = <T>(schema: z.ZodType<T>): T => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new HttpProblem(400, 'body_malformed', 'The body is not JSON.');
      }
      const result = schema.safeParse(parsed);
      if (!result.success) throw new HttpProblem(400, 'field_invalid', `${result.error.issues[0]?.path.join('.') ?? 'body'}: ${result.error.issues[0]?.message ?? 'invalid'}`);
      return result.data;
    };
    const needsKey = () => {
      if (!idempotent) throw new HttpProblem(400, 'idempotency_key_required', 'This operation needs an Idempotency-Key header.');
    };
    if (method === 'GET' && !section) return [200, account];
    if (method === 'GET' && (section === 'deposits' || section === 'withdrawals')) {
      const items: Transaction[] = section === 'deposits' ? demo.deposits : demo.withdrawals;
      if (!ref) {
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
        return [200, { items: [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit) }];
      }
      const wanted = decodeURIComponent(ref).toLowerCase();
      const found = items.find((t) => t.id.toLowerCase() === wanted || t.txHash?.toLowerCase() === wanted);
      if (!found) throw new HttpProblem(404, 'transaction_not_found', 'No such transaction on this account.');
      return [200, found];
    }
    if (method === 'POST' && section === 'verification-codes' && !ref) {
      needsKey();
      return [201, await this.sendCode(account, json(sendBody).channel)];
    }
    if (method === 'POST' && section === 'verification-codes' && ref && action === 'check') {
      return [200, await this.checkCode(account.uid, decodeURIComponent(ref), json(checkBody).code)];
    }
    if (method === 'POST' && (section === 'freeze' || section === 'unfreeze') && !ref) {
      needsKey();
      const { reason } = json(reasonBody);
      const frozen = section === 'freeze';
      const changed: Account = { ...account, status: frozen ? 'frozen' : 'active', frozenReason: frozen ? reason : null };
      await this.state.put('account', account.uid, changed);
      return [200, changed];
    }
    throw new HttpProblem(405, 'method_not_allowed', 'Method not allowed here.');
  }

  private async sendCode(account: Account, channel: 'email' | 'phone') {
    const sentTo = channel === 'email' ? account.email : account.phone;
    if (!sentTo) throw new HttpProblem(409, 'channel_not_bound', `The account has no ${channel} bound.`);
    const sent: SentCode = { uid: account.uid, channel, sentTo, code: String(randomInt(0, 1_000_000)).padStart(6, '0'), challengeId: randomUUID() };
    const expiresAt = Date.now() + CODE_TTL_MS;
    const { code, ...kept } = sent;
    await this.state.put('challenge', sent.challengeId, { ...kept, codeHash: hashCode(sent.challengeId, code), expiresAt, attempts: 0 } satisfies ChallengeState);
    this.mailbox.push(sent);
    this.onCodeSent(sent);
    return { challengeId: sent.challengeId, channel, sentTo, expiresAt: new Date(expiresAt).toISOString() };
  }

  private async checkCode(uid: string, challengeId: string, code: string) {
    const c = await this.state.get<ChallengeState>('challenge', challengeId);
    if (!c || c.uid !== uid) throw new HttpProblem(404, 'challenge_not_found', 'No such verification code.');
    if (c.attempts >= MAX_CODE_ATTEMPTS) return { result: 'locked', attemptsLeft: 0 };
    if (Date.now() > c.expiresAt) return { result: 'expired', attemptsLeft: 0 };
    c.attempts++;
    if (c.codeHash === hashCode(challengeId, code)) {
      await this.state.delete('challenge', challengeId);
      return { result: 'valid', attemptsLeft: MAX_CODE_ATTEMPTS - c.attempts };
    }
    await this.state.put('challenge', challengeId, c);
    return { result: c.attempts >= MAX_CODE_ATTEMPTS ? 'locked' : 'invalid', attemptsLeft: MAX_CODE_ATTEMPTS - c.attempts };
  }
}
