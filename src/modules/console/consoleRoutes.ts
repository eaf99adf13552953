import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentSecurityPolicy } from '../portal/http/render.js';
import { consoleAssets } from './consoleAssets.js';

const assetParams = z.object({ file: z.string().max(128) });

/**
 * The console's shell and assets. Only files from this origin run (no inline script or style);
 * the socket is same-origin too, so `connect-src 'self'` covers it. Hashed assets are cached for
 * a year; the shell is revalidated each time so a new release is picked up at once.
 */
const csp = contentSecurityPolicy({ 'img-src': "'self' data: blob:", 'connect-src': "'self'" });

export function registerConsoleRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/console/assets/:file', { schema: { hide: true, params: assetParams } }, async (request, reply) => {
    const file = (await consoleAssets()).assets.get(request.params.file);
    if (!file) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(file.contentType)
      .send(file.body);
  });

  // Deep links (/console/tickets/LD-100001) get the same shell; the client-side router takes over.
  const shell = async (_request: unknown, reply: FastifyReply) => {
    const { index } = await consoleAssets();
    return reply
      .header('content-security-policy', csp)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index);
  };
  r.get('/console', { schema: { hide: true } }, shell);
  r.get('/console/*', { schema: { hide: true } }, shell);
}
