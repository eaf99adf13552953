import type { AppContext } from '../../../context.js';
import { enqueueJob } from '../../../platform/jobs/jobs.js';

export const UPDATE_JOB = 'telegram.update';

/** Keeps updates as durable jobs, one per update_id whoever delivers it how often (webhook, polling, a retry). */
export async function keepUpdates(ctx: AppContext, updates: { update_id: number }[]): Promise<void> {
  if (updates.length === 0) return;
  await ctx.transaction(async (trx) => {
    for (const update of updates) await enqueueJob(trx, UPDATE_JOB, update, { key: String(update.update_id) });
  });
  ctx.jobs.kick();
}

/**
 * Runs `work` after the previous work of the same key has finished: one Telegram user's updates
 * are handled in the order they were kept, even when the job runner takes them in one batch.
 */
export class KeyedSerialiser {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
