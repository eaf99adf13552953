import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { Actor, RequestOrigin } from '../actor.js';
import { audit } from '../audit.js';
import type { CustomerRow } from '../customers.js';
import { indexCustomer } from '../customerSearch.js';

export interface CustomerFields {
  externalId?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  name?: string | null | undefined;
  locale?: string | undefined;
  verified?: boolean | undefined;
}

/** Field values as columns; callers pass already-normalised email/phone (see customerSchema). */
function columns(fields: CustomerFields): Partial<CustomerRow> {
  const out: Partial<CustomerRow> = {};
  if (fields.externalId !== undefined) out.external_id = fields.externalId;
  if (fields.email !== undefined) out.email = fields.email;
  if (fields.phone !== undefined) out.phone = fields.phone;
  if (fields.name !== undefined) out.name = fields.name;
  if (fields.locale !== undefined) out.locale = fields.locale;
  if (fields.verified !== undefined) out.verified = fields.verified ? 1 : 0;
  return out;
}

async function ensureExternalIdFree(ctx: AppContext, externalId: string | null | undefined, exceptId?: string): Promise<void> {
  if (!externalId) return;
  let q = ctx.db.selectFrom('customers').select('id').where('external_id', '=', externalId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('conflict', 'Another customer already has this externalId.', 'externalId');
}

/** An agent or integration records an exchange user. */
export async function customerCreator(ctx: AppContext, input: { actor: Actor; origin: RequestOrigin; fields: CustomerFields }): Promise<CustomerRow> {
  const f = input.fields;
  if (!f.email && !f.externalId && !f.phone) throw new AppError('field_required', 'Give at least an email, a phone or an externalId.', 'email');
  await ensureExternalIdFree(ctx, f.externalId);
  const now = nowIso();
  const row: CustomerRow = {
    id: newId(),
    external_id: f.externalId ?? null,
    email: f.email ?? null,
    phone: f.phone ?? null,
    name: f.name ?? null,
    locale: f.locale ?? 'en',
    verified: f.verified ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await ctx.transaction(async (trx) => {
    await trx.insertInto('customers').values(row).execute();
    await indexCustomer(trx, row);
    await audit(trx, { actor: input.actor, action: 'customer.created', targetType: 'customer', targetId: row.id, origin: input.origin });
  });
  return row;
}

export async function customerUpdater(
  ctx: AppContext,
  input: { actor: Actor; origin: RequestOrigin; customerId: string; fields: CustomerFields },
): Promise<CustomerRow> {
  await ensureExternalIdFree(ctx, input.fields.externalId, input.customerId);
  return ctx.transaction(async (trx) => {
    const row = await trx
      .updateTable('customers')
      .set({ ...columns(input.fields), updated_at: nowIso() })
      .where('id', '=', input.customerId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('No such customer.');
    await indexCustomer(trx, row);
    await audit(trx, { actor: input.actor, action: 'customer.updated', targetType: 'customer', targetId: row.id, origin: input.origin, details: { fields: Object.keys(input.fields) } });
    return row;
  });
}
