import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { checkSignature, registerSignedWebhook } from '../../../../platform/http/signedRequests.js';
import { enqueueJob } from '../../../../platform/jobs/jobs.js';
import { callEvent } from '../payload.js';
import type { PhoneSettings } from '../settings.js';

export const PHONE_EVENTS_PATH = '/api/v1/channels/phone/events';
export const CALL_EVENT_JOB = 'phone.call_event';

/**
 * The telephony system's webhook (docs/phone.md), signed over the raw body: a forged or stale
 * event is answered 401 before anything is parsed or written. A valid event is kept as a durable
 * job keyed by (call id, event), so a redelivery adds nothing; the job does the rest.
 */
export async function registerPhoneWebhook(root: FastifyInstance, ctx: AppContext, settings: PhoneSettings): Promise<void> {
  await registerSignedWebhook(root, {
    path: PHONE_EVENTS_PATH,
    schema: { tags: ['channels'], summary: 'Receive a signed call event (ringing, answered, ended) from the telephony system', body: callEvent },
    what: 'The call event',
    verify: (request, raw) => {
      if (!settings.webhookSecret) throw new AppError('not_found', 'The phone channel is not enabled here (PHONE_WEBHOOK_SECRET).');
      return checkSignature(request.headers, settings.webhookSecret, [raw]);
    },
  }, async (event, _request, reply) => {
    await ctx.transaction((trx) => enqueueJob(trx, CALL_EVENT_JOB, event, { key: `${event.callId}:${event.event}` }));
    ctx.jobs.kick();
    return reply.status(202).send({ received: true });
  });
}
