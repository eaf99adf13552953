import { ImapFlow } from 'imapflow';
import type { AppContext } from '../../../../context.js';
import type { InboundResult } from '../../adapters.js';
import type { MailboxSettings } from '../settings.js';

export interface MailboxStatus {
  name: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  /** Messages taken in since this node started. */
  received: number;
}

export interface PollResult {
  seen: number;
  outcomes: InboundResult['outcome'][];
}

type Receive = (raw: Buffer, source: string) => Promise<InboundResult>;
type RecordFailed = (
  raw: Buffer | null,
  source: string,
  reason: string,
  header: { from: string | null; subject: string | null; messageId: string | null; size: number },
) => Promise<InboundResult>;

const MAX_BACKOFF_MS = 15 * 60_000;
/** A message that fails to store this many polls in a row is kept as failed (raw) so it stops blocking nobody. */
export const MAX_STORE_TRIES = 3;

/**
 * Polls one IMAP mailbox: every unseen message is read, stored here, and only then flagged
 * \Seen on the server — a crash or a database outage in between leaves it unseen, and the next
 * poll takes it again (the Message-ID makes that a no-op). A server that cannot be reached is
 * retried with doubling delays up to 15 minutes; the status says what happened for admins.
 * Every node may poll: rows are deduplicated by Message-ID.
 */
export class MailboxPoller {
  readonly status: MailboxStatus;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PollResult> | undefined;
  private stopped = false;
  /** Failed store attempts per UID (this node's memory: another node starts counting afresh). */
  private readonly tries = new Map<number, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly mailbox: MailboxSettings,
    private readonly receive: Receive,
    private readonly recordFailed: RecordFailed,
  ) {
    this.status = { name: mailbox.name, lastPollAt: null, lastSuccessAt: null, lastError: null, consecutiveFailures: 0, nextPollAt: null, received: 0 };
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One poll now (tests, and the timer); concurrent calls share the running one. Throws what the server or database threw. */
  pollNow(): Promise<PollResult> {
    this.running ??= this.poll().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.status.nextPollAt = new Date(Date.now() + delayMs).toISOString();
    this.timer = setTimeout(() => {
      void this.pollNow().then(
        () => this.schedule(this.ctx.config.EMAIL_POLL_SECONDS * 1000),
        () => this.schedule(Math.min(MAX_BACKOFF_MS, this.ctx.config.EMAIL_POLL_SECONDS * 1000 * 2 ** Math.min(this.status.consecutiveFailures, 10))),
      );
    }, delayMs);
    this.timer.unref();
  }

  private client(): ImapFlow {
    const m = this.mailbox;
    const client = new ImapFlow({
      host: m.host,
      port: m.port,
      secure: m.tls === 'implicit',
      ...(m.tls === 'starttls' ? { doSTARTTLS: true } : m.tls === 'none' ? { doSTARTTLS: false } : {}),
      auth: { user: m.user, pass: m.password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 20_000,
      socketTimeout: 120_000,
      maxLiteralSize: this.ctx.config.EMAIL_MAX_BYTES * 2,
    });
    // A dropped connection surfaces as the failing command's error; the event must not crash the process.
    client.on('error', (err: unknown) => this.ctx.log.warn({ err, mailbox: m.name }, 'email: IMAP connection error'));
    return client;
  }

  private async poll(): Promise<PollResult> {
    this.status.lastPollAt = new Date().toISOString();
    const client = this.client();
    const result: PollResult = { seen: 0, outcomes: [] };
    try {
      await client.connect();
      const lock = await client.getMailboxLock(this.mailbox.folder);
      try {
        const unseen = (await client.search({ seen: false }, { uid: true })) || [];
        let firstError: unknown;
        for (const uid of unseen) {
          if (this.stopped) break;
          const meta = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
          if (!meta) continue;
          const header = {
            from: meta.envelope?.from?.[0]?.address ?? null,
            subject: meta.envelope?.subject ?? null,
            messageId: meta.envelope?.messageId ?? `${this.mailbox.name}#${uid}`,
            size: meta.size ?? 0,
          };
          let outcome: InboundResult;
          if (header.size > this.ctx.config.EMAIL_MAX_BYTES) {
            outcome = await this.recordFailed(null, this.mailbox.name, `larger than EMAIL_MAX_BYTES (${header.size} bytes); left on the server`, header);
          } else {
            const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
            if (!full || !full.source) continue;
            try {
              outcome = await this.receive(full.source, this.mailbox.name);
              this.tries.delete(uid);
            } catch (err) {
              // One message that cannot be stored must not hold up the rest: go on, retry it next poll,
              // and after MAX_STORE_TRIES keep it as failed (this throws too while the database is down).
              const tries = (this.tries.get(uid) ?? 0) + 1;
              this.tries.set(uid, tries);
              if (tries < MAX_STORE_TRIES) {
                firstError ??= err;
                continue;
              }
              outcome = await this.recordFailed(full.source, this.mailbox.name, `could not be stored (${tries} tries): ${err instanceof Error ? err.message : String(err)}`, header);
              this.tries.delete(uid);
            }
          }
          // Committed here (or recognised as seen before): only now may the server forget it.
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          result.seen++;
          result.outcomes.push(outcome.outcome);
          this.status.received++;
        }
        if (firstError) throw firstError;
      } finally {
        lock.release();
      }
      await client.logout();
      this.status.lastSuccessAt = new Date().toISOString();
      this.status.lastError = null;
      this.status.consecutiveFailures = 0;
      return result;
    } catch (err) {
      client.close();
      this.status.consecutiveFailures++;
      this.status.lastError = err instanceof Error ? err.message : String(err);
      this.ctx.log.warn({ err, mailbox: this.mailbox.name, failures: this.status.consecutiveFailures }, 'email: mailbox poll failed; retrying with backoff');
      throw err;
    }
  }
}
