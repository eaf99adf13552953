import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { nowIso } from '../../../platform/db/ids.js';
import { notFound } from '../../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { audit, originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { helpCenterOf } from '../../helpcenter/index.js';
import type { TicketRow } from '../../tickets/ticketEvents.js';
import { planReply } from '../answering/responder.js';
import { botOf } from '../brain.js';
import { flowCreator, flowDeleter, flowUpdater } from '../commands/flowEditor.js';
import { intentCreator, intentDeleter, intentUpdater } from '../commands/intentEditor.js';
import { botAbilities, presentFlow, presentIntent, presentModel, presentPlan, presentPrediction } from '../presenters.js';
import { examplesOf, parseFlow, toIntent, type Intent } from '../queries.js';
import { loadBotSettings, saveBotSettings } from '../settings.js';
import { createFlowBody, createIntentBody, flowParams, intentParams, listQuery, settingsBody, testBody, trainBody, updateFlowBody, updateIntentBody } from './botSchema.js';

/** The bot's admin API: admins edit intents, flows and settings and retrain; every agent reads and tries it. */
export function registerBotRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['bot'];
  const read = requireAgent('tickets:read');
  const admin = requireAgent('admin', 'admin');
  const brain = botOf(ctx);

  const withExamples = async (intents: Intent[]) => {
    const examples = await examplesOf(ctx.db, intents.map((i) => i.id));
    return intents.map((i) => presentIntent(i, examples.get(i.id) ?? {}));
  };
  const oneIntent = async (name: string) => {
    const row = await ctx.db.selectFrom('bot_intents').selectAll().where('name', '=', name).executeTakeFirst();
    const intent = row ? toIntent(row) : null;
    if (!intent) throw notFound('No intent has this name.');
    return (await withExamples([intent]))[0]!;
  };

  app.get('/api/v1/bot/intents', { preHandler: read, schema: { tags, summary: 'Intents with their examples per locale', querystring: listQuery } }, async (request) => {
    const { cursor, limit } = request.query;
    let q = ctx.db.selectFrom('bot_intents').selectAll().orderBy('id').limit(limit + 1);
    if (cursor) q = q.where('id', '>', decodeCursor(cursor));
    const page = toPage(await q.execute(), limit, toIntent);
    return { ...page, items: await withExamples(page.items.filter((i): i is Intent => i !== null)), abilities: botAbilities(agentActor(request)) };
  });

  app.get('/api/v1/bot/intents/:name', { preHandler: read, schema: { tags, summary: 'One intent', params: intentParams } }, async (request) => ({
    intent: await oneIntent(request.params.name),
    abilities: botAbilities(agentActor(request)),
  }));

  app.post('/api/v1/bot/intents', { preHandler: admin, schema: { tags, summary: 'Create an intent (retrain to use it)', body: createIntentBody } }, async (request, reply) => {
    const intent = await intentCreator({ ctx, actor: agentActor(request), origin: originOf(request), input: request.body });
    return reply.code(201).send({ intent: (await withExamples([intent]))[0] });
  });

  app.patch('/api/v1/bot/intents/:name', { preHandler: admin, schema: { tags, summary: 'Change an intent; examples replace the old ones', params: intentParams, body: updateIntentBody } }, async (request) => {
    const intent = await intentUpdater({ ctx, actor: agentActor(request), origin: originOf(request), name: request.params.name, changes: request.body });
    return { intent: (await withExamples([intent]))[0] };
  });

  app.delete('/api/v1/bot/intents/:name', { preHandler: admin, schema: { tags, summary: 'Delete an intent and its examples', params: intentParams } }, async (request, reply) => {
    await intentDeleter({ ctx, actor: agentActor(request), origin: originOf(request), name: request.params.name });
    return reply.code(204).send();
  });

  app.get('/api/v1/bot/flows', { preHandler: read, schema: { tags, summary: 'Guided flows', querystring: listQuery } }, async (request) => {
    const { cursor, limit } = request.query;
    let q = ctx.db.selectFrom('bot_flows').selectAll().orderBy('id').limit(limit + 1);
    if (cursor) q = q.where('id', '>', decodeCursor(cursor));
    return { ...toPage(await q.execute(), limit, (row) => presentFlow(row, parseFlow(row))), actions: brain.actions.names(), abilities: botAbilities(agentActor(request)) };
  });

  app.get('/api/v1/bot/flows/:slug', { preHandler: read, schema: { tags, summary: 'One flow', params: flowParams } }, async (request) => {
    const row = await ctx.db.selectFrom('bot_flows').selectAll().where('slug', '=', request.params.slug).executeTakeFirst();
    if (!row) throw notFound('No flow has this slug.');
    return { flow: presentFlow(row, parseFlow(row)), actions: brain.actions.names(), abilities: botAbilities(agentActor(request)) };
  });

  app.post('/api/v1/bot/flows', { preHandler: admin, schema: { tags, summary: 'Create a flow', body: createFlowBody } }, async (request, reply) => {
    const row = await flowCreator({ ctx, actor: agentActor(request), origin: originOf(request), ...request.body });
    return reply.code(201).send({ flow: presentFlow(row, request.body.definition) });
  });

  app.put('/api/v1/bot/flows/:slug', { preHandler: admin, schema: { tags, summary: "Replace a flow's definition or switch it on/off", params: flowParams, body: updateFlowBody } }, async (request) => {
    const row = await flowUpdater({ ctx, actor: agentActor(request), origin: originOf(request), slug: request.params.slug, ...request.body });
    return { flow: presentFlow(row, parseFlow(row)) };
  });

  app.delete('/api/v1/bot/flows/:slug', { preHandler: admin, schema: { tags, summary: 'Delete a flow no intent starts', params: flowParams } }, async (request, reply) => {
    await flowDeleter({ ctx, actor: agentActor(request), origin: originOf(request), slug: request.params.slug });
    return reply.code(204).send();
  });

  app.get('/api/v1/bot/model', { preHandler: read, schema: { tags, summary: 'The model answering now, and whether it knows the latest examples' } }, async () => {
    const model = await brain.loadNewest();
    return presentModel(model, await brain.isCurrent());
  });

  app.post('/api/v1/bot/train', { preHandler: admin, schema: { tags, summary: 'Retrain from the current examples (every node loads the new model)', body: trainBody } }, async (request) => {
    const { model, trained } = await brain.train({ force: request.body.force });
    await audit(ctx.db, { actor: agentActor(request), action: 'bot.model_trained', targetType: 'bot_model', targetId: model.id, origin: originOf(request), details: { trained } });
    return { trained, ...presentModel(model, true) };
  });

  app.post('/api/v1/bot/test', { preHandler: read, schema: { tags, summary: 'What the bot understands and would answer (nothing is stored)', body: testBody } }, async (request) => {
    const { text, locale } = request.body;
    const model = await brain.classifier();
    const plan = await planReply(
      { db: ctx.db, kb: helpCenterOf(ctx).kb, brain, publicUrl: ctx.config.PUBLIC_URL },
      { ticket: tryItTicket(locale), topic: null, state: { rev: 0 }, text, settings: await loadBotSettings(ctx.db) },
    );
    return { prediction: presentPrediction(model ? model.classifier.predict(text) : null), intent: plan.intent, reply: presentPlan(plan) };
  });

  app.get('/api/v1/bot/settings', { preHandler: read, schema: { tags, summary: 'Bot settings (on/off, thresholds, leaving flows)' } }, async () => loadBotSettings(ctx.db));

  app.patch('/api/v1/bot/settings', { preHandler: admin, schema: { tags, summary: 'Change bot settings', body: settingsBody } }, async (request) => {
    return ctx.transaction(async (trx) => {
      const settings = { ...(await loadBotSettings(trx)), ...request.body };
      await saveBotSettings(trx, settings);
      await audit(trx, { actor: agentActor(request), action: 'bot.settings_changed', origin: originOf(request), details: request.body });
      return settings;
    });
  });
}

/** The "try it" box answers as if a new chat in `locale` had asked. */
function tryItTicket(locale: string): TicketRow {
  const now = nowIso();
  return {
    id: 'try-it', number: '', subject: '', status: 'new', priority: 'normal', channel: 'chat', category: 'platform', fields: '{}', locale,
    customer_id: 'try-it', assignee_id: null, team_id: null, merged_into_id: null, created_at: now, updated_at: now, solved_at: null, closed_at: null,
  };
}
