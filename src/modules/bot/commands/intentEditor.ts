import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { exampleRows, insertIntent } from '../defaults.js';
import { encodeIntentAnswer, type IntentAnswer, type IntentDefinition } from '../definitions.js';
import { toIntent, type Intent } from '../queries.js';

interface Editing {
  ctx: AppContext;
  actor: AgentActor;
  origin: RequestOrigin;
}

export type IntentChanges = Partial<Omit<IntentDefinition, 'name' | 'category'>> & { category?: IntentDefinition['category'] | null };

/** An answer must point at something that exists: a flow by slug, an article by slug (any status: it may be published later). */
async function checkAnswer(trx: Tx, answer: IntentAnswer): Promise<void> {
  if (answer.type === 'flow') {
    const flow = await trx.selectFrom('bot_flows').select('id').where('slug', '=', answer.flow).executeTakeFirst();
    if (!flow) throw new AppError('field_invalid', `No flow has the slug "${answer.flow}".`, 'answer.flow');
  }
  const slug = answer.type === 'article' ? answer.slug : answer.type === 'handover' ? answer.article : undefined;
  if (slug) {
    const article = await trx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!article) throw new AppError('field_invalid', `No help-center article has the slug "${slug}".`, answer.type === 'article' ? 'answer.slug' : 'answer.article');
  }
}

async function loadForUpdate(trx: Tx, name: string): Promise<Intent> {
  const row = await trx.selectFrom('bot_intents').selectAll().where('name', '=', name).executeTakeFirst();
  const intent = row ? toIntent(row) : null;
  if (!intent) throw notFound('No intent has this name.');
  return intent;
}

/** A new intent with its examples. The model learns it at the next training. */
export async function intentCreator({ ctx, actor, origin, input }: Editing & { input: IntentDefinition }): Promise<Intent> {
  return ctx.transaction(async (trx) => {
    const taken = await trx.selectFrom('bot_intents').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new AppError('conflict', `An intent named "${input.name}" already exists.`, 'name');
    await checkAnswer(trx, input.answer);
    const id = await insertIntent(trx, input);
    await audit(trx, { actor, action: 'bot.intent_created', targetType: 'bot_intent', targetId: id, origin, details: { name: input.name } });
    return loadForUpdate(trx, input.name);
  });
}

/** Changes an intent; `examples` replaces all of its examples. */
export async function intentUpdater({ ctx, actor, origin, name, changes }: Editing & { name: string; changes: IntentChanges }): Promise<Intent> {
  return ctx.transaction(async (trx) => {
    const intent = await loadForUpdate(trx, name);
    if (changes.answer) await checkAnswer(trx, changes.answer);
    const category = changes.category === null ? undefined : (changes.category ?? intent.category);
    const answer = encodeIntentAnswer({ answer: changes.answer ?? intent.answer, title: changes.title ?? intent.title, ...(category ? { category } : {}) });
    const enabled = changes.enabled === undefined ? undefined : changes.enabled ? (1 as const) : (0 as const);
    await trx.updateTable('bot_intents').set({ answer, ...(enabled !== undefined ? { enabled } : {}), updated_at: nowIso() }).where('id', '=', intent.id).execute();
    if (changes.examples) {
      await trx.deleteFrom('bot_examples').where('intent_id', '=', intent.id).execute();
      const rows = exampleRows(intent.id, changes.examples);
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('bot_examples').values(rows.slice(i, i + 200)).execute();
    }
    await audit(trx, { actor, action: 'bot.intent_updated', targetType: 'bot_intent', targetId: intent.id, origin, details: { name, changed: Object.keys(changes) } });
    return loadForUpdate(trx, name);
  });
}

export async function intentDeleter({ ctx, actor, origin, name }: Editing & { name: string }): Promise<void> {
  await ctx.transaction(async (trx) => {
    const intent = await loadForUpdate(trx, name);
    await trx.deleteFrom('bot_examples').where('intent_id', '=', intent.id).execute();
    await trx.deleteFrom('bot_intents').where('id', '=', intent.id).execute();
    await audit(trx, { actor, action: 'bot.intent_deleted', targetType: 'bot_intent', targetId: intent.id, origin, details: { name } });
  });
}
