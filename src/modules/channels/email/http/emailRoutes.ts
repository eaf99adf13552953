import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { decodeCursor, toPage } from '../../../../platform/http/pagination.js';
import { AppError } from '../../../../platform/http/errors.js';
import { originOf } from '../../../identity/audit.js';
import { agentActor, requireAgent } from '../../../identity/http/authenticate.js';
import { loadTicketForActor } from '../../../tickets/queries.js';
import { failedEmailReprocessor } from '../commands/failedEmailReprocessor.js';
import { presentEmail } from '../presenters.js';
import { emailIdParams, listEmailsQuery, ticketEmailParams } from './emailSchema.js';

export interface EmailRuntimeView {
  mailboxes(): unknown[];
  listener(): { host: string; port: number } | null;
}

/**
 * Admins see every email in and out (failed inbound mail above all, with its raw source) and the
 * mailboxes' poll status; agents see the emails of a ticket they can read (delivery state).
 */
export function registerEmailRoutes(root: FastifyInstance, ctx: AppContext, runtime: EmailRuntimeView): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = requireAgent('admin', 'admin');
  const tags = ['email'];

  app.get('/api/v1/email/messages', { preHandler: admin, schema: { tags, summary: 'Email in and out, newest first', querystring: listEmailsQuery } }, async (request) => {
    const { cursor, limit, direction, state } = request.query;
    let q = ctx.db
      .selectFrom('email_messages')
      .leftJoin('tickets', 'tickets.id', 'email_messages.ticket_id')
      .selectAll('email_messages')
      .select('tickets.number as ticket_number')
      .orderBy('email_messages.id', 'desc')
      .limit(limit + 1);
    if (cursor) q = q.where('email_messages.id', '<', decodeCursor(cursor));
    if (direction) q = q.where('email_messages.direction', '=', direction);
    if (state) q = q.where('email_messages.state', '=', state);
    return toPage(await q.execute(), limit, presentEmail);
  });

  app.get('/api/v1/email/messages/:id/raw', { preHandler: admin, schema: { tags, summary: 'The kept source of mail that could not be read', params: emailIdParams } }, async (request, reply) => {
    const row = await ctx.db.selectFrom('email_messages').select(['raw_key']).where('id', '=', request.params.id).executeTakeFirst();
    if (!row?.raw_key) throw new AppError('not_found', 'No kept source for this email.');
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', `attachment; filename="${request.params.id}.eml"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(await ctx.storage.get(row.raw_key));
  });

  app.post(
    '/api/v1/email/messages/:id/reprocess',
    { preHandler: admin, schema: { tags, summary: 'Run a failed inbound email through again once its cause is fixed', params: emailIdParams } },
    async (request) => ({ result: await failedEmailReprocessor({ ctx, actor: agentActor(request), origin: originOf(request), emailId: request.params.id }) }),
  );

  app.get('/api/v1/email/mailboxes', { preHandler: admin, schema: { tags, summary: "This node's polled mailboxes and SMTP listener" } }, async () => ({
    mailboxes: runtime.mailboxes(),
    listener: runtime.listener(),
    outgoing: ctx.config.SMTP_URL ? { configured: true, from: ctx.config.EMAIL_FROM ?? null } : { configured: false, from: null },
  }));

  app.get(
    '/api/v1/tickets/:id/emails',
    { preHandler: requireAgent('tickets:read'), schema: { tags, summary: "A ticket's emails in and out: delivery state, full text and sanitised HTML", params: ticketEmailParams } },
    async (request) => {
      const ticket = await loadTicketForActor(ctx.db, agentActor(request), request.params.id);
      const rows = await ctx.db.selectFrom('email_messages').selectAll().where('ticket_id', '=', ticket.id).orderBy('id').limit(500).execute();
      return { items: rows.map((row) => presentEmail({ ...row, ticket_number: ticket.number }, { content: true })) };
    },
  );
}
