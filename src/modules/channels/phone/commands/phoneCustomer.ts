import type { DbOrTx } from '../../../../platform/db/index.js';
import { newId, nowIso } from '../../../../platform/db/ids.js';
import { indexCustomer } from '../../../identity/customerSearch.js';
import { toCustomerLocale, type CustomerRow } from '../../../identity/customers.js';

/**
 * The customer behind a number. `trusted` is for the number the phone network reports (caller
 * ID): the verified customer with that number first, else the newest with it. A number someone
 * typed into a form is not trusted: it only reuses an unverified customer, never opening a
 * verified trader's history to whoever knows their number. Nobody → a new unverified customer.
 */
export async function customerForNumber(trx: DbOrTx, phone: string, opts: { trusted: boolean; name?: string | null; locale?: string }): Promise<CustomerRow> {
  let q = trx.selectFrom('customers').selectAll().where('phone', '=', phone);
  if (!opts.trusted) q = q.where('verified', '=', 0);
  const known = await q.orderBy('verified', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (known) return known;
  const now = nowIso();
  const row: CustomerRow = {
    id: newId(), external_id: null, email: null, phone, name: opts.name?.trim() || null,
    locale: toCustomerLocale(opts.locale), verified: 0, created_at: now, updated_at: now,
  };
  await trx.insertInto('customers').values(row).execute();
  await indexCustomer(trx, row);
  return row;
}

/** The customer's open phone ticket: their newest phone ticket not solved, closed or merged. */
export async function openPhoneTicket(db: DbOrTx, customerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('tickets').select('id')
    .where('customer_id', '=', customerId).where('channel', '=', 'phone')
    .where('status', 'not in', ['solved', 'closed']).where('merged_into_id', 'is', null)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id;
}
