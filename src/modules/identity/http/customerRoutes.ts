import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../platform/http/errors.js';
import { originOf } from '../audit.js';
import { customerCreator, customerUpdater } from '../commands/customerEditor.js';
import { normaliseEmail } from '../customers.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { presentCustomer } from '../presenters.js';
import { agentActor, requireAgent } from './authenticate.js';
import { createCustomerBody, customerIdParams, listCustomersQuery, updateCustomerBody } from './customerSchema.js';

// `%` and `\` are dropped rather than escaped (escaping differs between SQLite and PostgreSQL);
// `_` stays: as a wildcard it only ever widens a prefix search by a character.
const likePrefix = (s: string) => `${s.replace(/[%\\]/g, '')}%`;

/** Customer records for agents and integrations (scopes customers:read / customers:write). */
export function registerCustomerRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];
  const read = requireAgent('customers:read');
  const write = requireAgent('customers:write');

  app.get('/api/v1/customers', { preHandler: read, schema: { tags, summary: 'Find customers by email or exchange UID', querystring: listCustomersQuery } }, async (request) => {
    const { cursor, limit, email, externalId, q: search } = request.query;
    let q = ctx.db.selectFrom('customers').selectAll().orderBy('id', 'desc').limit(limit + 1);
    if (cursor) q = q.where('id', '<', decodeCursor(cursor));
    if (email) q = q.where('email', '=', normaliseEmail(email));
    if (externalId) q = q.where('external_id', '=', externalId);
    if (search) {
      q = q.where((eb) =>
        eb.or([
          eb('email', 'like', eb.val(likePrefix(search.toLowerCase()))),
          eb('external_id', 'like', eb.val(likePrefix(search))),
        ]),
      );
    }
    return toPage(await q.execute(), limit, presentCustomer);
  });

  app.get('/api/v1/customers/:id', { preHandler: read, schema: { tags, summary: 'One customer', params: customerIdParams } }, async (request) => {
    const row = await ctx.db.selectFrom('customers').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!row) throw notFound('No such customer.');
    return { customer: presentCustomer(row) };
  });

  app.post('/api/v1/customers', { preHandler: write, schema: { tags, summary: 'Create a customer', body: createCustomerBody } }, async (request, reply) => {
    const row = await customerCreator(ctx, { actor: agentActor(request), origin: originOf(request), fields: request.body });
    return reply.code(201).send({ customer: presentCustomer(row) });
  });

  app.patch('/api/v1/customers/:id', { preHandler: write, schema: { tags, summary: 'Update a customer', params: customerIdParams, body: updateCustomerBody } }, async (request) => {
    const row = await customerUpdater(ctx, { actor: agentActor(request), origin: originOf(request), customerId: request.params.id, fields: request.body });
    return { customer: presentCustomer(row) };
  });
}
