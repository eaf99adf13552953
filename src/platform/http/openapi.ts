import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document is generated from the same zod schemas that validate requests, so it
 * cannot drift from the code. Served at /api/openapi.json with a readable page at /api/docs.
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'LedgerDesk API',
        version: '1',
        description:
          'Customer support for digital-asset exchanges. Authenticate integrations with `Authorization: Bearer ldk_…` ' +
          '(tokens are created by admins, scoped and revocable). Errors always have the shape ' +
          '`{ "error": { "code", "message", "field"? } }`. Lists use cursor pagination: pass `nextCursor` back as `cursor`. ' +
          'Creates accept an `Idempotency-Key` header; a retry with the same key returns the first response.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (ldk_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'ld_session', description: 'Console session; unsafe methods also need X-CSRF-Token' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
