import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db/index.js';
import type { CannedResponsesTable } from '../../platform/db/schema.js';
import { containsText } from '../../platform/db/text.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { forbidden, notFound, uniqueOn } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AgentActor } from '../identity/actor.js';
import { savedReplyPolicy, visibleScopes } from './policies.js';

/** Saved replies: the shared ones and the caller's own, most used first. */
export async function listCannedResponses(db: DbOrTx, actor: AgentActor, opts: { q?: string; limit: number }) {
  let query = db.selectFrom('canned_responses').selectAll().where('scope', 'in', visibleScopes(actor));
  const q = opts.q;
  if (q) query = query.where((eb) => eb.or([containsText(eb.ref('shortcode'), q), containsText(eb.ref('title'), q)]));
  return query.orderBy('uses', 'desc').orderBy('shortcode').limit(opts.limit).execute();
}

/** One the caller can see; someone else's personal reply is "not found", not "forbidden". */
export async function loadCannedResponse(db: DbOrTx, actor: AgentActor, id: string): Promise<Selectable<CannedResponsesTable>> {
  const row = await db.selectFrom('canned_responses').selectAll().where('id', '=', id).where('scope', 'in', visibleScopes(actor)).executeTakeFirst();
  if (!row) throw notFound('No such canned response.');
  return row;
}

type Bodies = Partial<Record<Locale, string | undefined>>;

/** A unique violation can only be the (scope, shortcode) index: say which field. */
const saving = <T>(shortcode: string | undefined, write: () => Promise<T>) =>
  uniqueOn(shortcode && 'shortcode', `The shortcode /${shortcode} is already in use here.`, write);

export async function cannedResponseCreator(ctx: AppContext, actor: AgentActor, input: { shortcode: string; title: string; bodies: Bodies; personal: boolean }) {
  if (!(input.personal ? savedReplyPolicy.createPersonal(actor) : savedReplyPolicy.createShared(actor))) {
    throw forbidden(input.personal ? undefined : 'Shared canned responses are kept by supervisors; save it as personal instead.');
  }
  const now = nowIso();
  const row = {
    id: newId(),
    scope: input.personal ? actor.agentId : 'shared',
    shortcode: input.shortcode,
    title: input.title,
    bodies: JSON.stringify(input.bodies),
    uses: 0,
    created_by: actor.agentId,
    created_at: now,
    updated_at: now,
  };
  await saving(input.shortcode, () => ctx.transaction((trx) => trx.insertInto('canned_responses').values(row).execute()));
  return row;
}

export async function cannedResponseUpdater(ctx: AppContext, actor: AgentActor, id: string, changes: { shortcode?: string; title?: string; bodies?: Bodies }) {
  return saving(changes.shortcode, () =>
    ctx.transaction(async (trx) => {
      const row = await loadCannedResponse(trx, actor, id);
      if (!savedReplyPolicy.edit(actor, row)) throw forbidden('Shared canned responses are kept by supervisors.');
      return trx
        .updateTable('canned_responses')
        .set({
          ...(changes.shortcode ? { shortcode: changes.shortcode } : {}),
          ...(changes.title ? { title: changes.title } : {}),
          ...(changes.bodies ? { bodies: JSON.stringify(changes.bodies) } : {}),
          updated_at: nowIso(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }),
  );
}

export async function cannedResponseRemover(ctx: AppContext, actor: AgentActor, id: string): Promise<void> {
  await ctx.transaction(async (trx) => {
    const row = await loadCannedResponse(trx, actor, id);
    if (!savedReplyPolicy.edit(actor, row)) throw forbidden('Shared canned responses are kept by supervisors.');
    await trx.deleteFrom('canned_responses').where('id', '=', id).execute();
  });
}
