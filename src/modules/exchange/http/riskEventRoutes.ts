import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context.js';
import { registerSignedWebhook } from '../../../platform/http/signedRequests.js';
import { riskEventSchema } from '../contract.js';
import { riskEventRecorder } from '../riskEventRecorder.js';
import { exchangeOf } from '../runtime.js';
import { verifySignature } from '../signing.js';

/** The exchange pushes signed risk events here; a forged or stale one is answered 401 before anything is parsed or written. */
export async function registerRiskEventRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerSignedWebhook(root, {
    path: '/api/v1/exchange/risk-events',
    schema: { tags: ['exchange'], summary: 'Receive a signed risk event from the exchange (new-device login, large withdrawal, API key created, password changed)', body: riskEventSchema },
    what: 'The risk event',
    verify: (request, raw) => {
      const { keyId, secret } = exchangeOf(ctx);
      return verifySignature({ headers: request.headers, method: request.method, path: request.url, body: raw }, (id) => (id === keyId ? secret : null));
    },
  }, async (event, _request, reply) => {
    const result = await riskEventRecorder(ctx, event);
    return reply.status(result.duplicate ? 200 : 201).send({ received: true, id: result.id, duplicate: result.duplicate });
  });
}
