import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { RateWindow } from '../../../platform/http/rateWindow.js';
import { negotiateLocale } from '../../../platform/i18n/index.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { adviceFor } from '../officialChannels/advice.js';
import { checkChannel } from '../officialChannels/channelCheck.js';
import { listOfficialChannels, officialChannelAdder, officialChannelRemover, officialRegistry } from '../officialChannels/registry.js';
import { addChannelBody, channelIdParams, checkQuery } from './officialChannelSchema.js';

const present = (row: { id: string; kind: string; value: string; label: string }) => ({ id: row.id, kind: row.kind, value: row.value, label: row.label });

/** The registry of official channels: public to read and check against, kept by admins. */
export function registerOfficialChannelRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = requireAgent('admin', 'admin');
  const tags = ['security'];
  // Public and cheap, but a scraper probing lookalikes should not get unlimited answers.
  const checks = new RateWindow(60, 60_000);

  app.get('/api/v1/official-channels', { schema: { tags, summary: 'Our official websites, email addresses, Telegram/X accounts and phone numbers' } }, async () => ({
    items: (await listOfficialChannels(ctx.db)).map(present),
  }));

  app.get('/api/v1/official-channels/check', {
    schema: { tags, summary: 'Is this really you? Check a URL, email, handle or number', querystring: checkQuery },
  }, async (request) => {
    if (!checks.allow(request.ip)) throw new AppError('rate_limited', undefined, undefined, { 'retry-after': String(checks.retryAfter()) });
    const locale = request.query.locale ?? negotiateLocale({ acceptLanguage: request.headers['accept-language'] });
    const result = checkChannel(request.query.value, await officialRegistry(ctx.db));
    return { ...result, locale, ...adviceFor(locale, result) };
  });

  app.post('/api/v1/official-channels', { preHandler: admin, schema: { tags, summary: 'Add an official channel', body: addChannelBody } }, async (request, reply) => {
    const row = await officialChannelAdder(ctx, { actor: agentActor(request), origin: originOf(request), ...request.body });
    return reply.status(201).send({ channel: present(row) });
  });

  app.delete('/api/v1/official-channels/:id', { preHandler: admin, schema: { tags, summary: 'Remove an official channel', params: channelIdParams } }, async (request, reply) => {
    await officialChannelRemover(ctx, { actor: agentActor(request), origin: originOf(request), id: request.params.id });
    return reply.status(204).send();
  });
}
