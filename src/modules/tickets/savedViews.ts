import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import type { SavedViewsTable } from '../../platform/db/schema.js';
import { AppError, notFound, uniqueOn } from '../../platform/http/errors.js';
import { savedViewDefinition, type SavedViewDefinition } from './http/savedViewSchema.js';

/** Enough for any sidebar; a runaway script cannot fill the table. */
export const MAX_SAVED_VIEWS = 50;

export const listSavedViews = (ctx: AppContext, agentId: string) =>
  ctx.db.selectFrom('saved_views').selectAll().where('agent_id', '=', agentId).orderBy('position').orderBy('id').execute();

export function presentSavedView(row: Selectable<SavedViewsTable>) {
  // Parsed again so a view saved before a filter changed still comes back in today's shape.
  const parsed = savedViewDefinition.safeParse(JSON.parse(row.definition));
  return { id: row.id, name: row.name, position: row.position, ...(parsed.success ? parsed.data : savedViewDefinition.parse({})), updatedAt: row.updated_at };
}

const naming = <T>(name: string | undefined, write: () => Promise<T>) => uniqueOn(name && 'name', `You already have a view called "${name}".`, write);

export function savedViewCreator(ctx: AppContext, agentId: string, input: { name: string } & SavedViewDefinition) {
  const { name, ...definition } = input;
  return naming(name, () =>
    ctx.transaction(async (trx) => {
      const mine = await trx.selectFrom('saved_views').select('position').where('agent_id', '=', agentId).execute();
      if (mine.length >= MAX_SAVED_VIEWS) throw new AppError('field_invalid', `At most ${MAX_SAVED_VIEWS} saved views; delete one first.`, 'name');
      const now = nowIso();
      const row = { id: newId(), agent_id: agentId, name, definition: JSON.stringify(definition), position: Math.max(-1, ...mine.map((m) => m.position)) + 1, created_at: now, updated_at: now };
      await trx.insertInto('saved_views').values(row).execute();
      return row;
    }),
  );
}

/** Only the owner's own views exist for them: another agent's id answers 404. */
export function savedViewUpdater(ctx: AppContext, agentId: string, id: string, changes: Partial<{ name: string; position: number } & SavedViewDefinition>) {
  return naming(changes.name, () =>
    ctx.transaction(async (trx) => {
      const row = await trx.selectFrom('saved_views').selectAll().where('id', '=', id).where('agent_id', '=', agentId).executeTakeFirst();
      if (!row) throw notFound('No such saved view.');
      const current = presentSavedView(row);
      const definition = { view: changes.view ?? current.view, filters: changes.filters ?? current.filters, sort: changes.sort ?? current.sort };
      if (changes.position !== undefined) {
        // Moving one view renumbers the list, so positions stay 0…n-1 without ties.
        const order = (await trx.selectFrom('saved_views').select('id').where('agent_id', '=', agentId).orderBy('position').orderBy('id').execute()).map((v) => v.id).filter((v) => v !== id);
        order.splice(Math.min(changes.position, order.length), 0, id);
        for (const [position, viewId] of order.entries()) {
          if (viewId !== id) await trx.updateTable('saved_views').set({ position }).where('id', '=', viewId).execute();
        }
        changes = { ...changes, position: order.indexOf(id) };
      }
      return trx
        .updateTable('saved_views')
        .set({ name: changes.name ?? row.name, position: changes.position ?? row.position, definition: JSON.stringify(definition), updated_at: nowIso() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }),
  );
}

export async function savedViewRemover(ctx: AppContext, agentId: string, id: string): Promise<void> {
  const removed = await ctx.transaction((trx) => trx.deleteFrom('saved_views').where('id', '=', id).where('agent_id', '=', agentId).executeTakeFirst());
  if (Number(removed.numDeletedRows) === 0) throw notFound('No such saved view.');
}
