import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/index.js';

/** Liveness says the process answers; readiness says it can reach its database. */
export function registerHealth(app: FastifyInstance, database: Database, isShuttingDown: () => boolean): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (isShuttingDown()) return reply.code(503).send({ status: 'shutting_down' });
    try {
      await database.ping();
      return { status: 'ready', database: database.dialect };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.dialect, reason: 'database unreachable' });
    }
  });
}
