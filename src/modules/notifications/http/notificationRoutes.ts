import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { nowIso } from '../../../platform/db/ids.js';
import { pageOf, mapPage } from '../../../platform/http/pagination.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { presentNotification } from '../presenters.js';
import { listNotifications, unreadCount } from '../queries.js';
import { listNotificationsQuery, markReadBody } from './notificationSchema.js';

/** The signed-in agent's own notifications: nobody reads or clears anyone else's. */
export function registerNotificationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('tickets:read');
  const tags = ['notifications'];

  app.get('/api/v1/notifications', { preHandler: read, schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: listNotificationsQuery } }, async (request) => {
    const { agentId } = agentActor(request);
    const [rows, unread] = await Promise.all([listNotifications(ctx.db, agentId, request.query), unreadCount(ctx.db, agentId)]);
    return { ...mapPage(pageOf(rows, request.query.limit), presentNotification), unreadCount: unread };
  });

  app.post('/api/v1/notifications/read', { preHandler: read, schema: { tags, summary: 'Mark some or all of my notifications read', body: markReadBody } }, async (request) => {
    const { agentId } = agentActor(request);
    const { ids } = request.body;
    let q = ctx.db.updateTable('notifications').set({ read_at: nowIso() }).where('agent_id', '=', agentId).where('read_at', 'is', null);
    if (ids) q = q.where('id', 'in', ids);
    await q.execute();
    return { unreadCount: await unreadCount(ctx.db, agentId) };
  });
}
