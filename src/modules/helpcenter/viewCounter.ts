import type { Logger } from 'pino';
import type { Db } from '../../platform/db/index.js';
import { sql } from 'kysely';

const FLUSH_MS = 5_000;

/**
 * Article views, counted in memory and written every few seconds as one increment per
 * article: a popular page costs no database write per reader. Views of the last seconds
 * before a crash are lost, which a popularity signal can afford.
 */
export class ViewCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush().catch((err: unknown) => this.log.warn({ err }, 'view counts not saved; will retry')), FLUSH_MS);
    this.timer.unref();
  }

  count(articleId: string): void {
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      for (const [id, n] of batch) {
        await this.db.updateTable('articles').set({ view_count: sql<number>`view_count + ${n}` }).where('id', '=', id).execute();
      }
    } catch (err) {
      // Put the unsaved counts back so the next flush tries them again.
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
