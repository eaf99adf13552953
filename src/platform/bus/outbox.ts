import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database, DbOrTx } from '../db/index.js';
import { newId, nowIso } from '../db/ids.js';
import { preparedInsert } from '../db/prepared.js';
import type { Bus, DomainEvent } from './bus.js';

/** Where durable subscriptions live (platform/jobs): each published batch becomes their jobs. */
export interface DurableSubscribers {
  acceptEvents(events: DomainEvent[]): Promise<void>;
  /** Runs every due job; resolves with how many ran. */
  drain(): Promise<number>;
}

const insertOutbox = preparedInsert('outbox', ['id', 'topic', 'payload', 'created_at', 'published_at', 'claimed_until']);

/** Records an event inside the caller's transaction: it is published only if that commits. */
export async function recordEvent(trx: DbOrTx, topic: string, payload: Record<string, unknown>): Promise<void> {
  await insertOutbox.execute(trx, { id: newId(), topic, payload: JSON.stringify(payload), created_at: nowIso(), published_at: null, claimed_until: null });
}

const BATCH = 200;
const CLAIM_MS = 30_000;
const POLL_MS = 1_000;
const KEEP_PUBLISHED_MS = 24 * 3600_000;

/**
 * Moves committed outbox rows onto the bus. Kicked right after each commit and also polled,
 * so rows left by a crashed process or another node are still delivered. A row is claimed
 * for 30 s before publishing; a node that dies mid-publish lets another retry it.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private scheduled = false;
  private lastPrune = 0;

  constructor(
    private readonly database: Database,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly durable?: DurableSubscribers,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  /**
   * Asks for a relay pass soon. Kicks within the same tick share one pass, so a burst of
   * commits costs one claim and one publish-mark rather than two statements each.
   */
  kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pass();
    });
  }

  private pass(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.track(this.publishPending()).catch((err: unknown) => this.log.warn({ err }, 'outbox relay failed; will retry'));
  }

  /** Marks `work` as the pass under way, so no other pass claims rows beside it. */
  private track(work: Promise<void>): Promise<void> {
    this.running = work
      .catch(() => {})
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.pass();
        }
      });
    return work;
  }

  /**
   * Resolves once everything committed so far is published and the durable jobs it started
   * have run (tests await this to observe events deterministically). A pass already under way
   * may hold claims on the rows the caller waits for, so wait for it, then run a pass of our own.
   */
  async drain(): Promise<void> {
    // Jobs may record events, whose jobs may record more: settle, within reason.
    for (let round = 0; round < 10; round++) {
      while (this.running) await this.running;
      await this.track(this.publishPending());
      if (!this.durable || (await this.durable.drain()) === 0) return;
    }
  }

  private async publishPending(): Promise<void> {
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) break;
      await this.bus.publish(batch);
      // Before the rows are marked: a crash in between re-publishes, and the jobs are keyed by event.
      await this.durable?.acceptEvents(batch);
      await this.database.db
        .updateTable('outbox')
        .set({ published_at: nowIso(), claimed_until: null })
        .where('id', 'in', batch.map((e) => e.id))
        .execute();
      if (batch.length < BATCH) break;
    }
    await this.prune();
  }

  private async claim(): Promise<DomainEvent[]> {
    const { db, dialect } = this.database;
    const now = nowIso();
    const until = new Date(Date.now() + CLAIM_MS).toISOString();
    let candidates = db
      .selectFrom('outbox')
      .select('id')
      .where('published_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('id')
      .limit(BATCH);
    // Several nodes relay at once on PostgreSQL: skip rows another node is claiming.
    if (dialect === 'postgres') candidates = candidates.modifyEnd(sql`for update skip locked`);
    const rows = await db
      .updateTable('outbox')
      .set({ claimed_until: until })
      .where('id', 'in', candidates)
      .returning(['id', 'topic', 'payload', 'created_at'])
      .execute();
    return rows
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => ({ id: r.id, topic: r.topic, payload: JSON.parse(r.payload) as Record<string, unknown>, createdAt: r.created_at }));
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    const before = new Date(Date.now() - KEEP_PUBLISHED_MS).toISOString();
    await this.database.db.deleteFrom('outbox').where('published_at', '<', before).execute();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    try {
      await this.drain();
    } catch (err) {
      this.log.warn({ err }, 'outbox not fully drained at shutdown; another start will publish the rest');
    }
  }
}
