import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../context.js';
import { enqueueJob } from '../../../../platform/jobs/jobs.js';
import { AppError } from '../../../../platform/http/errors.js';
import { connectorEvent, connectorParams } from '../payload.js';
import { connectorByName, type ConnectorRow } from '../registry.js';
import { checkSignature, registerSignedWebhook } from '../../../../platform/http/signedRequests.js';

export const CONNECTOR_INBOUND_PATH = '/api/v1/channels/connectors/:name/messages';
export const CONNECTOR_EVENT_JOB = 'connector.event';

/** Decoded size of a base64 string without decoding it. */
const base64Bytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/**
 * A bridge posts its app's events here, signed with the connector's inbound secret: a forged or
 * stale post is answered 401 before anything is parsed, let alone written. A good one is kept as
 * a durable job keyed by its event id (a redelivery adds nothing) and answered 202.
 */
export async function registerConnectorInbound(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const verified = new WeakMap<FastifyRequest, ConnectorRow>();
  await registerSignedWebhook(root, {
    path: CONNECTOR_INBOUND_PATH,
    // Inline files travel in the JSON: room for one attachment of the largest size besides the text.
    bodyLimit: ctx.config.MAX_JSON_BYTES + Math.ceil((ctx.config.MAX_ATTACHMENT_BYTES * 4) / 3),
    schema: { tags: ['channels'], summary: 'An event from a connector\'s bridge (signed; see docs/connector.md)', params: connectorParams, body: connectorEvent },
    what: 'The connector',
    verify: async (request, raw) => {
      const { name } = request.params as { name: string };
      const connector = await connectorByName(ctx.db, name);
      // An unknown name is answered like a bad signature: nobody learns which connectors exist.
      if (!connector) return { ok: false, why: 'bad_signature' };
      const check = checkSignature(request.headers, connector.inbound_secret, [raw]);
      if (check.ok && !connector.enabled) throw new AppError('forbidden', `The connector ${name} is disabled.`);
      verified.set(request, connector);
      return check;
    },
  }, async (event, request, reply) => {
    const connector = verified.get(request)!;
    event.attachments?.forEach((a, i) => {
      if (a.base64 && base64Bytes(a.base64) > ctx.config.MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', `larger than ${ctx.config.MAX_ATTACHMENT_BYTES} bytes`, `attachments.${i}.base64`);
    });
    if ((event.attachments?.length ?? 0) > ctx.config.MAX_ATTACHMENTS_PER_MESSAGE) throw new AppError('field_invalid', `at most ${ctx.config.MAX_ATTACHMENTS_PER_MESSAGE} attachments`, 'attachments');
    await enqueueJob(ctx.db, CONNECTOR_EVENT_JOB, { connectorId: connector.id, event }, { key: `${connector.id}:${event.eventId}` });
    ctx.jobs.kick();
    return reply.status(202).send({ accepted: true, eventId: event.eventId });
  });
}
