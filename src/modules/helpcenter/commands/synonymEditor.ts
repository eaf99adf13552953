import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { invalidField, notFound } from '../../../platform/http/errors.js';
import { normalize } from '../../../platform/search/index.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { synonymsChanged } from '../knowledgeBase.js';

export interface SynonymGroup {
  id: string;
  terms: string[];
  updatedAt: string;
}

/** Terms as search compares them; two spellings that normalise alike are one term. */
function cleanTerms(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim().replace(/\s+/g, ' ');
    const key = normalize(term);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  if (out.length < 2) throw invalidField('terms', 'A synonym group needs at least two different terms.');
  return out;
}

interface Base {
  ctx: AppContext;
  actor: AgentActor;
  origin: RequestOrigin;
}

/**
 * Admin-managed synonym groups (充值 = 充币 = deposit = 입금). Every change is audited and
 * reaches every node's index through the `search.synonyms_changed` event.
 */
export async function saveSynonymGroup({ ctx, actor, origin, id, terms }: Base & { id?: string; terms: string[] }): Promise<SynonymGroup> {
  const clean = cleanTerms(terms);
  return ctx.transaction(async (trx) => {
    const now = nowIso();
    let groupId = id;
    if (groupId) {
      const updated = await trx.updateTable('search_synonyms').set({ terms: JSON.stringify(clean), updated_at: now }).where('id', '=', groupId).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notFound('No such synonym group.');
    } else {
      groupId = newId();
      await trx.insertInto('search_synonyms').values({ id: groupId, terms: JSON.stringify(clean), created_at: now, updated_at: now }).execute();
    }
    await audit(trx, { actor, action: id ? 'search.synonyms_updated' : 'search.synonyms_created', targetType: 'synonym_group', targetId: groupId, origin, details: { terms: clean } });
    await recordEvent(trx, synonymsChanged, { groupId });
    return { id: groupId, terms: clean, updatedAt: now };
  });
}

export async function deleteSynonymGroup({ ctx, actor, origin, id }: Base & { id: string }): Promise<void> {
  await ctx.transaction(async (trx) => {
    const removed = await trx.deleteFrom('search_synonyms').where('id', '=', id).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('No such synonym group.');
    await audit(trx, { actor, action: 'search.synonyms_deleted', targetType: 'synonym_group', targetId: id, origin });
    await recordEvent(trx, synonymsChanged, { groupId: id });
  });
}

export async function listSynonymGroups(ctx: AppContext): Promise<SynonymGroup[]> {
  const rows = await ctx.db.selectFrom('search_synonyms').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, terms: JSON.parse(r.terms) as string[], updatedAt: r.updated_at }));
}
