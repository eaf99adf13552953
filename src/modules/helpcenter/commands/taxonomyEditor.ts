import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError, invalidField } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';

export type Labels = Partial<Record<string, { title: string; description?: string | null | undefined }>>;

interface Base {
  ctx: AppContext;
  actor: AgentActor;
  origin: RequestOrigin;
  slug: string;
  position?: number | undefined;
  labels: Labels;
}

async function writeLabels(trx: Tx, ownerId: string, labels: Labels): Promise<void> {
  for (const [locale, label] of Object.entries(labels)) {
    if (!label) continue;
    const values = { title: label.title, description: label.description ?? null };
    await trx
      .insertInto('help_labels')
      .values({ owner_id: ownerId, locale, ...values })
      .onConflict((oc) => oc.columns(['owner_id', 'locale']).doUpdateSet(values))
      .execute();
  }
}

async function nextPosition(trx: Tx, table: 'help_categories' | 'help_sections'): Promise<number> {
  const row = await trx.selectFrom(table).select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Creates or updates a category by slug, with its titles per locale. */
export async function saveCategory({ ctx, actor, origin, slug, position, labels, icon }: Base & { icon?: string | null | undefined }): Promise<{ id: string; slug: string; created: boolean }> {
  return ctx.transaction(async (trx) => {
    const existing = await trx.selectFrom('help_categories').select('id').where('slug', '=', slug).executeTakeFirst();
    const id = existing?.id ?? newId();
    if (existing) {
      const set = { ...(position !== undefined ? { position } : {}), ...(icon !== undefined ? { icon } : {}) };
      if (Object.keys(set).length) await trx.updateTable('help_categories').set(set).where('id', '=', id).execute();
    } else {
      await trx.insertInto('help_categories').values({ id, slug, position: position ?? (await nextPosition(trx, 'help_categories')), icon: icon ?? null, created_at: nowIso() }).execute();
    }
    await writeLabels(trx, id, labels);
    await audit(trx, { actor, action: existing ? 'help.category_updated' : 'help.category_created', targetType: 'help_category', targetId: id, origin, details: { slug } });
    return { id, slug, created: !existing };
  });
}

/** Creates or updates a section by slug; `category` (a slug) places or moves it. */
export async function saveSection({ ctx, actor, origin, slug, position, labels, category }: Base & { category?: string | undefined }): Promise<{ id: string; slug: string; created: boolean }> {
  return ctx.transaction(async (trx) => {
    const existing = await trx.selectFrom('help_sections').select('id').where('slug', '=', slug).executeTakeFirst();
    const parent = category ? await trx.selectFrom('help_categories').select('id').where('slug', '=', category).executeTakeFirst() : undefined;
    if (category && !parent) throw invalidField('category', `There is no help-center category "${category}".`);
    if (!existing && !parent) throw new AppError('field_required', 'A new section needs a category.', 'category');
    const id = existing?.id ?? newId();
    if (existing) {
      const set = { ...(position !== undefined ? { position } : {}), ...(parent ? { category_id: parent.id } : {}) };
      if (Object.keys(set).length) await trx.updateTable('help_sections').set(set).where('id', '=', id).execute();
    } else {
      await trx.insertInto('help_sections').values({ id, category_id: parent!.id, slug, position: position ?? (await nextPosition(trx, 'help_sections')), created_at: nowIso() }).execute();
    }
    await writeLabels(trx, id, labels);
    await audit(trx, { actor, action: existing ? 'help.section_updated' : 'help.section_created', targetType: 'help_section', targetId: id, origin, details: { slug } });
    return { id, slug, created: !existing };
  });
}
