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
