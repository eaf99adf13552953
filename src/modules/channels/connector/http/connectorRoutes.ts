import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { notFound } from '../../../../platform/http/errors.js';
import { originOf } from '../../../identity/audit.js';
import { agentActor, requireAgent } from '../../../identity/http/authenticate.js';
import { connectorByName, connectorCreator, connectorSecretRotator, connectorUpdater, listConnectors, type ConnectorRow } from '../registry.js';
import { CONNECTOR_INBOUND_PATH } from './inboundRoutes.js';
import { connectorParams, createConnectorBody, deliveriesQuery, rotateSecretBody, updateConnectorBody } from './connectorSchema.js';

/** Pure: a connector as admins see it. Secrets are never shown again after creation or rotation. */
const present = (row: ConnectorRow) => ({
  id: row.id, name: row.name, displayName: row.display_name, callbackUrl: row.callback_url, enabled: row.enabled === 1,
  inboundPath: CONNECTOR_INBOUND_PATH.replace(':name', row.name), createdAt: row.created_at, updatedAt: row.updated_at,
});

/** Admins register the bridges of other messaging apps (docs/connector.md). Every change is audited. */
export function registerConnectorRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = requireAgent('admin', 'admin');
  const tags = ['channels'];
  const who = (request: Parameters<typeof agentActor>[0]) => ({ actor: agentActor(request), origin: originOf(request) });

  app.get('/api/v1/connectors', { preHandler: admin, schema: { tags, summary: 'Connectors to other messaging apps' } }, async () => ({
    items: (await listConnectors(ctx.db)).map(present),
  }));

  app.get('/api/v1/connectors/:name', { preHandler: admin, schema: { tags, summary: 'One connector', params: connectorParams } }, async (request) => {
    const row = await connectorByName(ctx.db, request.params.name);
    if (!row) throw notFound(`No connector named ${request.params.name}.`);
    return { connector: present(row) };
  });

  app.post('/api/v1/connectors', { preHandler: admin, schema: { tags, summary: 'Register a connector; its two secrets are shown once', body: createConnectorBody } }, async (request, reply) => {
    const row = await connectorCreator(ctx, { ...who(request), ...request.body });
    return reply.status(201).send({ connector: present(row), inboundSecret: row.inbound_secret, callbackSecret: row.callback_secret });
  });

  app.patch('/api/v1/connectors/:name', { preHandler: admin, schema: { tags, summary: 'Rename, move the callback, enable or disable a connector', params: connectorParams, body: updateConnectorBody } }, async (request) => {
    const row = await connectorUpdater(ctx, { ...who(request), name: request.params.name, changes: request.body });
    return { connector: present(row) };
  });

  app.get('/api/v1/connectors/:name/deliveries', { preHandler: admin, schema: { tags, summary: 'Replies sent to the bridge, newest first, with their delivery state', params: connectorParams, querystring: deliveriesQuery } }, async (request) => {
    const row = await connectorByName(ctx.db, request.params.name);
    if (!row) throw notFound(`No connector named ${request.params.name}.`);
    let q = ctx.db.selectFrom('connector_deliveries').innerJoin('tickets', 'tickets.id', 'connector_deliveries.ticket_id')
      .select(['connector_deliveries.message_id', 'tickets.number', 'connector_deliveries.state', 'connector_deliveries.attempts', 'connector_deliveries.last_error', 'connector_deliveries.updated_at'])
      .where('connector_deliveries.connector_id', '=', row.id);
    if (request.query.state) q = q.where('connector_deliveries.state', '=', request.query.state);
    const items = await q.orderBy('connector_deliveries.message_id', 'desc').limit(request.query.limit).execute();
    return { items: items.map((d) => ({ messageId: d.message_id, ticketNumber: d.number, state: d.state, attempts: d.attempts, lastError: d.last_error, updatedAt: d.updated_at })) };
  });

  app.post('/api/v1/connectors/:name/rotate-secret', { preHandler: admin, schema: { tags, summary: 'Replace the inbound or callback secret (the old one stops working at once)', params: connectorParams, body: rotateSecretBody } }, async (request) => {
    const { row, secret } = await connectorSecretRotator(ctx, { ...who(request), name: request.params.name, secret: request.body.secret });
    return { connector: present(row), secret };
  });
}
