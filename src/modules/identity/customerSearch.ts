import type { DbOrTx } from '../../platform/db/index.js';
import { documentTerms } from '../../platform/search/terms.js';
import type { CustomerRow } from './customers.js';

/**
 * Keeps the customer's full-text row (name, email, exchange UID; migration 014) current, in the
 * caller's transaction: every writer of those columns calls it (customers.ts, customerEditor,
 * the chat's anonymous visitor).
 */
export async function indexCustomer(trx: DbOrTx, customer: Pick<CustomerRow, 'id' | 'name' | 'email' | 'external_id'>): Promise<void> {
  const terms = documentTerms(customer.name, customer.email, customer.external_id);
  // One statement, safe under concurrent writers of the same customer; an unchanged row is not rewritten.
  await trx
    .insertInto('customer_search')
    .values({ customer_id: customer.id, terms })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet({ terms }).where('customer_search.terms', '!=', terms))
    .execute();
}
