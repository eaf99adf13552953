import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { contentDisposition } from '../attachments.js';
import { canActorSee } from '../queries.js';
import { attachmentParams } from './attachmentSchema.js';

/**
 * Downloads go through here, never through a static folder: the caller must be allowed to
 * read the ticket (and, for an internal note, be an agent). Anything else is a plain 404.
 */
export function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/attachments/:id', {
    schema: { tags: ['tickets'], summary: 'Download an attachment', params: attachmentParams },
  }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    if (actor.kind === 'agent' && !actor.scopes.has('tickets:read')) throw new AppError('forbidden', 'The token lacks the "tickets:read" scope.');
    const row = await ctx.db
      .selectFrom('attachments')
      .innerJoin('messages', 'messages.id', 'attachments.message_id')
      .innerJoin('tickets', 'tickets.id', 'attachments.ticket_id')
      .select(['attachments.storage_key', 'attachments.filename', 'attachments.content_type', 'attachments.size', 'messages.visibility', 'tickets.id as ticketId', 'tickets.customer_id'])
      .where('attachments.id', '=', request.params.id)
      .executeTakeFirst();
    const visible = row && (actor.kind === 'agent' || row.visibility === 'public') && (await canActorSee(ctx.db, actor, { id: row.ticketId, customer_id: row.customer_id }));
    if (!row || !visible) throw new AppError('not_found', 'No such attachment.');
    const stream = await ctx.storage.get(row.storage_key);
    return reply
      .header('content-type', row.content_type)
      .header('content-length', String(row.size))
      .header('content-disposition', contentDisposition(row.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
