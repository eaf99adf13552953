import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { enqueueJob } from '../../../../platform/jobs/jobs.js';
import { AppError } from '../../../../platform/http/errors.js';
import { connectorEvent, connectorParams } from '../payload.js';
import { connectorByName, type ConnectorRow } from '../registry.js';
import { verifyConnectorSignature } from '../signing.js';

export const CONNECTOR_INBOUND_PATH = '/api/v1/channels/connectors/:name/messages';
export const CONNECTOR_EVENT_JOB = 'connector.event';

const RAW = Symbol('raw body');
type Raw = { [RAW]: string };

/** Decoded size of a base64 string without decoding it. */
const base64Bytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/**
 * A bridge posts its app's events here. The signature covers the raw bytes, so this scope keeps
 * JSON bodies as text until the connector's signature and timestamp are checked — a forged or
 * stale post is answered 401 before anything is parsed, let alone written. A good one is kept as
 * a durable job keyed by its event id (a redelivery adds nothing) and answered 202.
 */
export async function registerConnectorInbound(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const verified = new WeakMap<FastifyRequest, ConnectorRow>();
  // Inline files travel in the JSON: room for one attachment of the largest size besides the text.
  const bodyLimit = ctx.config.MAX_JSON_BYTES + Math.ceil((ctx.config.MAX_ATTACHMENT_BYTES * 4) / 3);
  await root.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, { [RAW]: body as string }));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.post(CONNECTOR_INBOUND_PATH, {
      bodyLimit,
      schema: { tags: ['channels'], summary: 'An event from a connector\'s bridge (signed; see docs/connector.md)', params: connectorParams, body: connectorEvent },
      preValidation: async (request) => {
        const { name } = request.params as { name: string };
        const connector = await connectorByName(ctx.db, name);
        const raw = (request.body as unknown as Raw | undefined)?.[RAW] ?? '';
        // An unknown name is answered like a bad signature: nobody learns which connectors exist.
        const check = connector ? verifyConnectorSignature(request.headers, raw, connector.inbound_secret) : { ok: false, why: 'bad_signature' } as const;
        if (!connector || !check.ok) throw new AppError('unauthenticated', `The connector's signature was rejected (${check.ok ? 'bad_signature' : check.why}).`);
        if (!connector.enabled) throw new AppError('forbidden', `The connector ${name} is disabled.`);
        verified.set(request, connector);
        try {
          request.body = JSON.parse(raw);
        } catch {
          throw new AppError('body_malformed');
        }
      },
    }, async (request, reply) => {
      const connector = verified.get(request)!;
      const event = request.body;
      event.attachments?.forEach((a, i) => {
        if (a.base64 && base64Bytes(a.base64) > ctx.config.MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', `larger than ${ctx.config.MAX_ATTACHMENT_BYTES} bytes`, `attachments.${i}.base64`);
      });
      if ((event.attachments?.length ?? 0) > ctx.config.MAX_ATTACHMENTS_PER_MESSAGE) throw new AppError('field_invalid', `at most ${ctx.config.MAX_ATTACHMENTS_PER_MESSAGE} attachments`, 'attachments');
      await enqueueJob(ctx.db, CONNECTOR_EVENT_JOB, { connectorId: connector.id, event }, { key: `${connector.id}:${event.eventId}` });
      ctx.jobs.kick();
      return reply.status(202).send({ accepted: true, eventId: event.eventId });
    });
  });
}
