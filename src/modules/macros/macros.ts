import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import type { MacrosTable } from '../../platform/db/schema.js';
import { forbidden, invalidField, notFound, uniqueOn } from '../../platform/http/errors.js';
import type { AgentActor } from '../identity/actor.js';
import { loadCannedResponse } from './cannedResponses.js';
import type { MacroActions } from './http/macroSchema.js';
import { savedReplyPolicy, visibleScopes } from './policies.js';

export type MacroRow = Selectable<MacrosTable>;

export const listMacros = (db: DbOrTx, actor: AgentActor) =>
  db.selectFrom('macros').selectAll().where('scope', 'in', visibleScopes(actor)).orderBy('uses', 'desc').orderBy('name').limit(500).execute();

export async function loadMacro(db: DbOrTx, actor: AgentActor, id: string): Promise<MacroRow> {
  const row = await db.selectFrom('macros').selectAll().where('id', '=', id).where('scope', 'in', visibleScopes(actor)).executeTakeFirst();
  if (!row) throw notFound('No such macro.');
  return row;
}

/** A macro may only send a canned response its owners can see: a shared macro, a shared response. */
async function checkReply(db: DbOrTx, actor: AgentActor, actions: MacroActions, personal: boolean): Promise<void> {
  const id = actions.reply?.cannedResponseId;
  if (!id) return;
  const response = await loadCannedResponse(db, actor, id).catch(() => null);
  if (!response || (!personal && response.scope !== 'shared')) {
    throw invalidField('actions.reply.cannedResponseId', personal ? 'No such canned response.' : 'A shared macro can only send a shared canned response.');
  }
}

const sameName = (name: string) => `A macro called "${name}" already exists here.`;

export async function macroCreator(ctx: AppContext, actor: AgentActor, input: { name: string; actions: MacroActions; personal: boolean }): Promise<MacroRow> {
  if (!(input.personal ? savedReplyPolicy.createPersonal(actor) : savedReplyPolicy.createShared(actor))) {
    throw forbidden(input.personal ? undefined : 'Shared macros are kept by supervisors; save it as personal instead.');
  }
  await checkReply(ctx.db, actor, input.actions, input.personal);
  const now = nowIso();
  const row: MacroRow = { id: newId(), scope: input.personal ? actor.agentId : 'shared', name: input.name, actions: JSON.stringify(input.actions), uses: 0, created_by: actor.agentId, created_at: now, updated_at: now };
  await uniqueOn('name', sameName(input.name), () => ctx.transaction((trx) => trx.insertInto('macros').values(row).execute()));
  return row;
}

export async function macroUpdater(ctx: AppContext, actor: AgentActor, id: string, changes: { name?: string; actions?: MacroActions }): Promise<MacroRow> {
  return uniqueOn(changes.name && 'name', sameName(changes.name ?? ''), () =>
    ctx.transaction(async (trx) => {
      const row = await loadMacro(trx, actor, id);
      if (!savedReplyPolicy.edit(actor, row)) throw forbidden('Shared macros are kept by supervisors.');
      if (changes.actions) await checkReply(trx, actor, changes.actions, row.scope !== 'shared');
      return trx
        .updateTable('macros')
        .set({ ...(changes.name ? { name: changes.name } : {}), ...(changes.actions ? { actions: JSON.stringify(changes.actions) } : {}), updated_at: nowIso() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }),
  );
}

export async function macroRemover(ctx: AppContext, actor: AgentActor, id: string): Promise<void> {
  await ctx.transaction(async (trx) => {
    const row = await loadMacro(trx, actor, id);
    if (!savedReplyPolicy.edit(actor, row)) throw forbidden('Shared macros are kept by supervisors.');
    await trx.deleteFrom('macros').where('id', '=', id).execute();
  });
}
