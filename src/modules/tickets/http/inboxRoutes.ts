import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { locales } from '../../../platform/i18n/index.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { categories, channels, priorities, statuses } from '../categories.js';
import { countInboxViews, inboxViews, listInbox, popularTags } from '../inbox.js';
import { presentInboxTicket } from '../presenters.js';
import { inboxQuery, inboxViewsQuery } from './inboxSchema.js';

const tags = ['inbox'];

/** The console's work queue: one page of a view, and every view's count with the filter choices. */
export function registerInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('tickets:read');

  r.get('/api/v1/inbox', {
    onRequest: read,
    schema: { tags, summary: 'One page of an inbox view: filtered, searched, sorted by waiting time or priority', querystring: inboxQuery },
  }, async (request) => {
    const actor = agentActor(request);
    const { view, sort, limit, cursor, ids, ...filters } = request.query;
    const page = await listInbox(ctx.db, actor, { view, sort, limit, filters, ...(cursor ? { cursor } : {}), ...(ids ? { ids } : {}) });
    return { items: page.items.map(presentInboxTicket), nextCursor: page.nextCursor };
  });

  r.get('/api/v1/inbox/views', {
    onRequest: read,
    schema: { tags, summary: 'The views you may open with their counts under these filters, and the values each filter takes', querystring: inboxViewsQuery },
  }, async (request) => {
    const actor = agentActor(request);
    const [counts, popular] = await Promise.all([countInboxViews(ctx.db, actor, request.query), popularTags(ctx.db)]);
    return {
      views: inboxViews.map((id) => ({ id, count: counts[id] })),
      filters: { statuses: ['unsolved', ...statuses, 'any'], priorities, categories, channels, locales, tags: popular },
      sorts: ['waiting', 'priority'],
    };
  });
}
