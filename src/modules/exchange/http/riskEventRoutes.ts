import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { riskEventSchema } from '../contract.js';
import { riskEventRecorder } from '../riskEventRecorder.js';
import { exchangeOf } from '../runtime.js';
import { verifySignature } from '../signing.js';

const RAW = Symbol('raw body');
type Raw = { [RAW]: string };

/**
 * The exchange pushes signed risk events here. The signature covers the raw bytes, so this scope
 * keeps JSON bodies as text until the signature and timestamp are checked — a forged or stale
 * event is answered 401 before anything is parsed, let alone written.
 */
export async function registerRiskEventRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  await root.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, { [RAW]: body as string }));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.post('/api/v1/exchange/risk-events', {
      schema: { tags: ['exchange'], summary: 'Receive a signed risk event from the exchange (new-device login, large withdrawal, API key created, password changed)', body: riskEventSchema },
      preValidation: async (request) => {
        const raw = (request.body as unknown as Raw | undefined)?.[RAW] ?? '';
        const { keyId, secret } = exchangeOf(ctx);
        const check = verifySignature({ headers: request.headers, method: request.method, path: request.url, body: raw }, (id) => (id === keyId ? secret : null));
        if (!check.ok) throw new AppError('unauthenticated', `The risk event's signature was rejected (${check.why}).`);
        try {
          request.body = JSON.parse(raw);
        } catch {
          throw new AppError('body_malformed');
        }
      },
    }, async (request, reply) => {
      const result = await riskEventRecorder(ctx, request.body);
      return reply.status(result.duplicate ? 200 : 201).send({ received: true, id: result.id, duplicate: result.duplicate });
    });
  });
}
