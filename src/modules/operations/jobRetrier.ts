import type { AppContext } from '../../context.js';
import { nowIso } from '../../platform/db/ids.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit } from '../identity/audit.js';
import type { AgentActor, RequestOrigin } from '../identity/actor.js';
import { presentJob } from './presenters.js';

/** Gives a job that failed for good a fresh set of attempts, now (after the cause was fixed). */
export async function jobRetrier(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; jobId: string }) {
  const job = await ctx.transaction(async (trx) => {
    const row = await trx.selectFrom('jobs').selectAll().where('id', '=', input.jobId).executeTakeFirst();
    if (!row) throw notFound('No such job.');
    if (row.state !== 'failed') throw new AppError('conflict', `Only a failed job can be retried; this one is ${row.state}.`);
    const retried = await trx
      .updateTable('jobs')
      .set({ state: 'pending', attempts: 0, run_at: nowIso(), claimed_until: null, finished_at: null })
      .where('id', '=', row.id)
      .where('state', '=', 'failed')
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actor: input.actor, action: 'job.retried', targetType: 'job', targetId: row.id, origin: input.origin, details: { name: row.name, lastError: row.last_error?.split('\n')[0] ?? null } });
    return retried;
  });
  ctx.jobs.kick();
  return presentJob(job);
}
