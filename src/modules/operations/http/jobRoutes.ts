import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { jobRetrier } from '../jobRetrier.js';
import { presentJob } from '../presenters.js';
import { jobIdParams, listJobsQuery } from './jobSchema.js';

/** Admins see background jobs (failed ones above all) and retry them once the cause is fixed. */
export function registerJobRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = requireAgent('admin', 'admin');
  const tags = ['operations'];

  app.get('/api/v1/jobs', { preHandler: admin, schema: { tags, summary: 'Background jobs, newest first', querystring: listJobsQuery } }, async (request) => {
    const { cursor, limit, state, name } = request.query;
    let q = ctx.db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(limit + 1);
    if (cursor) q = q.where('id', '<', decodeCursor(cursor));
    if (state) q = q.where('state', '=', state);
    if (name) q = q.where('name', '=', name);
    return toPage(await q.execute(), limit, presentJob);
  });

  app.post('/api/v1/jobs/:id/retry', { preHandler: admin, schema: { tags, summary: 'Retry a job that failed for good', params: jobIdParams } }, async (request) => ({
    job: await jobRetrier(ctx, { actor: agentActor(request), origin: originOf(request), jobId: request.params.id }),
  }));
}
