import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import type { FlowDefinition } from '../definitions.js';
import { toIntent, type FlowRow } from '../queries.js';

interface Editing {
  ctx: AppContext;
  actor: AgentActor;
  origin: RequestOrigin;
}

async function flowRow(trx: Tx, slug: string): Promise<FlowRow> {
  const row = await trx.selectFrom('bot_flows').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) throw notFound('No flow has this slug.');
  return row;
}

/**
 * A new flow. The definition was validated at the boundary (definitions.ts: steps exist,
 * fields belong to the category, no loop without a question); its actions may be registered
 * later (an unknown action hands over at run time).
 */
export async function flowCreator({ ctx, actor, origin, slug, definition, enabled }: Editing & { slug: string; definition: FlowDefinition; enabled: boolean }): Promise<FlowRow> {
  return ctx.transaction(async (trx) => {
    const taken = await trx.selectFrom('bot_flows').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new AppError('conflict', `A flow with the slug "${slug}" already exists.`, 'slug');
    const now = nowIso();
    const row: FlowRow = { id: newId(), slug, definition: JSON.stringify(definition), enabled: enabled ? 1 : 0, created_at: now, updated_at: now };
    await trx.insertInto('bot_flows').values(row).execute();
    await audit(trx, { actor, action: 'bot.flow_created', targetType: 'bot_flow', targetId: row.id, origin, details: { slug } });
    return row;
  });
}

/** Replaces a flow's definition and/or switches it on or off. Chats in the middle of it continue at their step if it still exists. */
export async function flowUpdater({ ctx, actor, origin, slug, definition, enabled }: Editing & { slug: string; definition?: FlowDefinition; enabled?: boolean }): Promise<FlowRow> {
  return ctx.transaction(async (trx) => {
    const row = await flowRow(trx, slug);
    const set: Partial<FlowRow> = { updated_at: nowIso() };
    if (definition) set.definition = JSON.stringify(definition);
    if (enabled !== undefined) set.enabled = enabled ? 1 : 0;
    await trx.updateTable('bot_flows').set(set).where('id', '=', row.id).execute();
    await audit(trx, { actor, action: 'bot.flow_updated', targetType: 'bot_flow', targetId: row.id, origin, details: { slug, definition: !!definition, enabled } });
    return { ...row, ...set };
  });
}

/** A flow an intent still starts cannot be deleted (disable it, or point the intent elsewhere first). */
export async function flowDeleter({ ctx, actor, origin, slug }: Editing & { slug: string }): Promise<void> {
  await ctx.transaction(async (trx) => {
    const row = await flowRow(trx, slug);
    const intents = (await trx.selectFrom('bot_intents').selectAll().execute()).map(toIntent);
    const user = intents.find((i) => i?.answer.type === 'flow' && i.answer.flow === slug);
    if (user) throw new AppError('conflict', `The intent "${user.name}" starts this flow; change its answer first.`, 'slug');
    await trx.deleteFrom('bot_flows').where('id', '=', row.id).execute();
    await audit(trx, { actor, action: 'bot.flow_deleted', targetType: 'bot_flow', targetId: row.id, origin, details: { slug } });
  });
}
