import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { contentDisposition, readMultipart } from '../../../tickets/attachments.js';
import { chatMessageSender } from '../commands/chatMessageSender.js';
import { attachmentIdFromFileToken, chatIdFromToken, fileLinks } from '../links.js';
import { presentMessage } from '../presenters.js';
import { newCustomerSide } from '../principal.js';
import { messageById } from '../queries.js';
import { fileParams, fileQuery, uploadFields, uploadHeaders, uploadParams } from './uploadSchema.js';

const tags = ['chat'];

/** The widget runs on the exchange's pages: these two routes answer any origin, without cookies. */
const cors = (reply: FastifyReply) =>
  reply.header('access-control-allow-origin', '*').header('access-control-allow-headers', 'x-chat-token').header('access-control-allow-methods', 'POST').header('access-control-max-age', '600');

/**
 * Attachments in a chat: the widget uploads over HTTP with its chat token (images and PDFs,
 * checked like every ticket attachment), which adds a customer message carrying the file; the
 * socket then delivers it like any message. Customers download through short-lived signed links.
 */
export function registerChatUploadRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const links = fileLinks(ctx);

  r.options('/api/v1/chat/:chatId/messages', { schema: { hide: true } }, async (_request, reply) => cors(reply).code(204).send());

  r.post('/api/v1/chat/:chatId/messages', {
    schema: { tags, summary: 'Send a message with attachments into a chat (widget, chat token)', params: uploadParams, headers: uploadHeaders, consumes: ['multipart/form-data'] },
    // Authenticated by the chat token header alone, never by a cookie: nothing for CSRF to forge.
    config: { csrf: 'handler' },
  }, async (request, reply) => {
    cors(reply);
    const chatId = chatIdFromToken(ctx, request.headers['x-chat-token']);
    if (chatId !== request.params.chatId) throw new AppError('unauthenticated', 'The chat token is invalid or expired.');
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send multipart/form-data with the file(s).');
    const { fields, files } = await readMultipart(request, ctx.config);
    const input = uploadFields.parse(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
    if (files.length === 0) throw new AppError('field_required', 'Attach at least one file.', 'file');
    // The chat token is the grant: the sender writes as the chat's own guest customer.
    const principal = { ...newCustomerSide(), helloDone: true, grants: new Set([chatId]) };
    const sent = await chatMessageSender({
      ctx, principal, chatId, clientId: input.clientId, body: input.body ?? '', files,
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
    });
    const view = sent.view ?? (await messageById(ctx.db, sent.messageId))!;
    return reply.code(sent.duplicate ? 200 : 201).send({ message: presentMessage(view, 'customer', links), duplicate: sent.duplicate });
  });

  r.get('/api/v1/chat/files/:id', {
    schema: { tags, summary: 'Download a chat attachment through a signed link', params: fileParams, querystring: fileQuery },
  }, async (request, reply) => {
    const signed = attachmentIdFromFileToken(ctx, request.query.sig);
    const id = signed === request.params.id ? signed : null;
    const row = id
      ? await ctx.db.selectFrom('attachments').innerJoin('messages', 'messages.id', 'attachments.message_id')
        .select(['attachments.storage_key', 'attachments.filename', 'attachments.content_type', 'attachments.size', 'messages.visibility'])
        .where('attachments.id', '=', id).executeTakeFirst()
      : undefined;
    if (!row || row.visibility !== 'public') throw new AppError('not_found', 'No such file, or the link has expired.');
    const inline = row.content_type.startsWith('image/');
    return reply
      .header('content-type', row.content_type)
      .header('content-length', String(row.size))
      .header('content-disposition', inline ? 'inline' : contentDisposition(row.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'private, max-age=3600')
      .send(await ctx.storage.get(row.storage_key));
  });
}
