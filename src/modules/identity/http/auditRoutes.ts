import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { authorizeAuditLog } from '../policies.js';
import { presentAuditEntry } from '../presenters.js';
import { listAuditQuery } from './auditSchema.js';
import { anyAgent } from './sessionGuards.js';

/** Who did what, when and from where. */
export function registerAuditRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/audit-log', { schema: { tags: ['audit'], summary: 'Security audit log, newest first', querystring: listAuditQuery } }, async (request) => {
    authorizeAuditLog(anyAgent(request));
    const { cursor, limit, action, actorId } = request.query;
    let q = ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit + 1);
    if (cursor) q = q.where('id', '<', decodeCursor(cursor));
    if (action) q = q.where('action', '=', action);
    if (actorId) q = q.where('actor_id', '=', actorId);
    return toPage(await q.execute(), limit, presentAuditEntry);
  });
}
