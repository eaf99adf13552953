import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DomainEvent } from '../bus/bus.js';
import type { Database, DbOrTx } from '../db/index.js';
import { newId, nowIso } from '../db/ids.js';

export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (payload: Record<string, unknown>, job: JobInfo) => Promise<void>;
export type EventJobHandler = (event: DomainEvent, job: JobInfo) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this time (timers: SLA, outreach time-outs). Default: now. */
  runAt?: Date;
  /** At most one job per name and key, whoever enqueues it how often. */
  key?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * Records a job inside the caller's transaction: it exists only if that commits, and then runs
 * even if this node dies. With `key`, enqueueing the same job twice keeps the first.
 */
export async function enqueueJob(trx: DbOrTx, name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await trx
    .insertInto('jobs')
    .values(jobRow(name, payload, options))
    .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
    .execute();
}

function jobRow(name: string, payload: Record<string, unknown>, options: EnqueueOptions) {
  const now = nowIso();
  return {
    id: newId(),
    name,
    key: options.key ?? null,
    payload: JSON.stringify(payload),
    state: 'pending' as const,
    run_at: options.runAt?.toISOString() ?? now,
    attempts: 0,
    max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    claimed_until: null,
    last_error: null,
    created_at: now,
    finished_at: null,
  };
}

const BATCH = 16;
const POLL_MS = 1_000;
/** A node holds a running job this long; if it dies meanwhile, another node runs the job again. */
const CLAIM_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 15 * 60_000;
const KEEP_DONE_MS = 24 * 3600_000;
const KEEP_FAILED_MS = 30 * 24 * 3600_000;

/** Exponential with jitter: 2 s, 4 s, 8 s … up to 15 min, each between half and all of that. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Runs durable jobs on every node: whichever node claims a due job first runs it; a failure is
 * retried with backoff until its attempts are spent, then the job stays `failed` with its last
 * error. Event handlers that change data subscribe here (`onEvent`) rather than on the bus, so
 * exactly one node handles each event and a handler that fails (database down, a bug fixed in
 * the next deploy) is retried instead of lost.
 */
export class JobRunner {
  private readonly handlers = new Map<string, { run: JobHandler }>();
  private readonly subscriptions: { topic: string; name: string; maxAttempts: number | undefined; when: ((event: DomainEvent) => boolean) | undefined }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private scheduled = false;
  private again = false;
  private lastPrune = 0;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  /** Registers the handler of jobs named `name` (every node registers the same names). */
  define(name: string, run: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} is defined twice`);
    this.handlers.set(name, { run });
  }

  /**
   * A durable subscription: every event on `topic` (exact, `prefix.*` or `*`) becomes a job
   * `name` keyed by the event id, created by the outbox relay as it publishes the event.
   * `when` filters on the payload first, so frequent events that rarely matter (every chat
   * message, for the few internal notes with a mention) cost no job row.
   */
  onEvent(topic: string, name: string, run: EventJobHandler, options: { maxAttempts?: number; when?: (event: DomainEvent) => boolean } = {}): void {
    this.define(name, (payload, job) => run(payload as unknown as DomainEvent, job));
    this.subscriptions.push({ topic, name, maxAttempts: options.maxAttempts, when: options.when });
  }

  /** Called by the outbox relay with each published batch: one job per matching subscription. */
  async acceptEvents(events: DomainEvent[]): Promise<void> {
    const rows = [];
    for (const event of events) {
      for (const s of this.subscriptions) {
        if (!topicMatches(s.topic, event.topic) || (s.when && !s.when(event))) continue;
        rows.push(jobRow(s.name, { ...event }, { key: event.id, ...(s.maxAttempts ? { maxAttempts: s.maxAttempts } : {}) }));
      }
    }
    if (rows.length === 0) return;
    await this.database.db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
      .execute();
    this.kick();
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a pass soon; kicks within one tick share it. */
  kick(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.running) this.again = true;
      else void this.track(this.runDue());
    });
  }

  /** Resolves once no job is due now, with how many ran (tests await this; jobs scheduled for later stay). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      while (this.running) await this.running;
      const ran = await this.track(this.runDue());
      if (ran === 0) return total;
      total += ran;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.running;
  }

  private track(work: Promise<number>): Promise<number> {
    const tracked = work.catch((err: unknown) => {
      this.log.warn({ err }, 'job runner pass failed; the next pass retries');
      return 0;
    });
    this.running = tracked.finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    return this.running;
  }

  /** Claims and runs due jobs until none is left; returns how many ran. */
  private async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const batch = await this.claim();
      await Promise.all(batch.map((job) => this.runOne(job)));
      ran += batch.length;
      if (batch.length < BATCH || this.stopped) break;
    }
    await this.prune();
    return ran;
  }

  private async claim() {
    if (this.handlers.size === 0) return [];
    const { db, dialect } = this.database;
    const now = nowIso();
    let due = db
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'pending')
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      // Only names this node knows: during a rolling deploy an older node leaves newer jobs alone.
      .where('name', 'in', [...this.handlers.keys()])
      .orderBy('run_at')
      .limit(BATCH);
    if (dialect === 'postgres') due = due.modifyEnd(sql`for update skip locked`);
    return db
      .updateTable('jobs')
      .set({ claimed_until: new Date(Date.now() + CLAIM_MS).toISOString(), attempts: sql<number>`attempts + 1` })
      .where('id', 'in', due)
      .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
      .execute();
  }

  private async runOne(row: { id: string; name: string; payload: string; attempts: number; max_attempts: number }): Promise<void> {
    const job: JobInfo = { id: row.id, name: row.name, attempt: row.attempts, maxAttempts: row.max_attempts };
    try {
      await this.handlers.get(row.name)!.run(JSON.parse(row.payload) as Record<string, unknown>, job);
    } catch (err) {
      await this.failed(job, err);
      return;
    }
    await this.database.db
      .updateTable('jobs')
      .set({ state: 'done', claimed_until: null, finished_at: nowIso(), last_error: null })
      .where('id', '=', row.id)
      .execute();
  }

  private async failed(job: JobInfo, err: unknown): Promise<void> {
    const message = (err instanceof Error ? err.stack ?? err.message : String(err)).slice(0, 2000);
    const last = job.attempt >= job.maxAttempts;
    const retryAt = new Date(Date.now() + retryDelayMs(job.attempt)).toISOString();
    if (last) this.log.error({ err, job }, 'job failed for good; it stays failed until retried by an admin');
    else this.log.warn({ err, job, retryAt }, 'job failed; retrying later');
    await this.database.db
      .updateTable('jobs')
      .set(last ? { state: 'failed', claimed_until: null, finished_at: nowIso(), last_error: message } : { run_at: retryAt, claimed_until: null, last_error: message })
      .where('id', '=', job.id)
      .execute();
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    const now = Date.now();
    await this.database.db
      .deleteFrom('jobs')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'done'), eb('finished_at', '<', new Date(now - KEEP_DONE_MS).toISOString())]),
          eb.and([eb('state', '=', 'failed'), eb('finished_at', '<', new Date(now - KEEP_FAILED_MS).toISOString())]),
        ]),
      )
      .execute();
  }
}

/** The bus's topic rule: exact, `prefix.*`, or `*`. */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  return pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1));
}
