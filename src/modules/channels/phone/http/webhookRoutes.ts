import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { enqueueJob } from '../../../../platform/jobs/jobs.js';
import { callEvent } from '../payload.js';
import type { PhoneSettings } from '../settings.js';
import { verifyPhoneEvent } from '../signing.js';

export const PHONE_EVENTS_PATH = '/api/v1/channels/phone/events';
export const CALL_EVENT_JOB = 'phone.call_event';

const RAW = Symbol('raw body');
type Raw = { [RAW]: string };

/**
 * The telephony system's webhook (docs/phone.md). The signature covers the raw bytes, so this
 * scope keeps JSON bodies as text until it is checked: a forged or stale event is answered 401
 * before anything is parsed or written. A valid event is kept as a durable job keyed by
 * (call id, event), so a redelivery adds nothing; the job does the rest.
 */
export async function registerPhoneWebhook(root: FastifyInstance, ctx: AppContext, settings: PhoneSettings): Promise<void> {
  await root.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, { [RAW]: body as string }));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.post(PHONE_EVENTS_PATH, {
      schema: { tags: ['channels'], summary: 'Receive a signed call event (ringing, answered, ended) from the telephony system', body: callEvent },
      preValidation: async (request) => {
        if (!settings.webhookSecret) throw new AppError('not_found', 'The phone channel is not enabled here (PHONE_WEBHOOK_SECRET).');
        const raw = (request.body as unknown as Raw | undefined)?.[RAW] ?? '';
        const check = verifyPhoneEvent(request.headers, raw, settings.webhookSecret);
        if (!check.ok) throw new AppError('unauthenticated', `The call event's signature was rejected (${check.why}).`);
        try {
          request.body = JSON.parse(raw);
        } catch {
          throw new AppError('body_malformed');
        }
      },
    }, async (request, reply) => {
      const event = request.body;
      await ctx.transaction((trx) => enqueueJob(trx, CALL_EVENT_JOB, event, { key: `${event.callId}:${event.event}` }));
      ctx.jobs.kick();
      return reply.status(202).send({ received: true });
    });
  });
}
