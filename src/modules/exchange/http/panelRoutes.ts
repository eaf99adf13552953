import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { isLocale, type Locale } from '../../../platform/i18n/index.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { fieldRevealer } from '../panel/fieldRevealer.js';
import { accountActionAbilities, panelAbilities } from '../panel/policies.js';
import { presentPanel } from '../panel/presenters.js';
import { panelContext } from '../panel/subject.js';
import { verificationChecker } from '../panel/verificationChecker.js';
import { verificationSender } from '../panel/verificationSender.js';
import { exchangeOf } from '../runtime.js';
import { panelQuery, revealBody, ticketParams, verificationBody } from './panelSchema.js';

const toLocale = (v: string | undefined): Locale => (v && isLocale(v) ? v : v?.startsWith('zh') ? 'zh-CN' : 'en');

/** The agent's side panel: the ticket's customer at the exchange, masked until they are verified. */
export function registerPanelRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const reader = requireAgent('customers:read');
  const tags = ['exchange'];

  app.get('/api/v1/tickets/:id/exchange', {
    preHandler: reader, schema: { tags, summary: "The customer's exchange account and recent transactions with diagnosis (masked until verified)", params: ticketParams, querystring: panelQuery },
  }, async (request) => {
    const actor = agentActor(request);
    const subject = await panelContext(ctx.db, actor, request.params.id);
    const agent = await ctx.db.selectFrom('agents').select('locale').where('id', '=', actor.agentId).executeTakeFirst();
    const base = { uid: subject.uid, verified: subject.verified, verifiedBy: subject.verifiedBy, agentLocale: toLocale(agent?.locale), customerLocale: toLocale(subject.ticketLocale) };
    const abilities = (status: string | null) => ({ ...panelAbilities(actor, subject), ...accountActionAbilities(actor, subject, status) });
    if (!subject.uid) return presentPanel({ ...base, abilities: abilities(null), account: null, transactions: [] });
    const { client } = exchangeOf(ctx);
    const [account, deposits, withdrawals] = await Promise.all([client.account(subject.uid), client.recentDeposits(subject.uid, request.query.limit), client.recentWithdrawals(subject.uid, request.query.limit)]);
    const transactions = account ? [...deposits, ...withdrawals].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
    return presentPanel({ ...base, abilities: abilities(account?.status ?? null), account, transactions });
  });

  app.post('/api/v1/tickets/:id/exchange/verification', {
    preHandler: reader, schema: { tags, summary: "Send the customer a code to their bound email/phone, or check the code they read back", params: ticketParams, body: verificationBody },
  }, async (request, reply) => {
    const common = { actor: agentActor(request), origin: originOf(request), ticket: request.params.id };
    const body = request.body;
    if (body.action === 'send') return reply.status(201).send({ verification: await verificationSender(ctx, { ...common, channel: body.channel }) });
    return { verification: await verificationChecker(ctx, { ...common, code: body.code }) };
  });

  app.post('/api/v1/tickets/:id/exchange/reveal', {
    preHandler: reader, schema: { tags, summary: "Reveal one full address, TxID or memo of a verified customer's transaction (reason audited)", params: ticketParams, body: revealBody },
  }, async (request) => fieldRevealer(ctx, { actor: agentActor(request), origin: originOf(request), ticket: request.params.id, ...request.body }));
}
