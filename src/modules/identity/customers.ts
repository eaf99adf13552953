import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { CustomersTable } from '../../platform/db/schema.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { indexCustomer } from './customerSearch.js';

export type CustomerRow = Selectable<CustomersTable>;

/** Languages our support team answers in; a customer's locale is always one of these. */
export const customerLocales = ['en', 'zh-CN', 'zh-TW', 'ko', 'ja', 'vi', 'th', 'id', 'ru', 'tr', 'es', 'pt', 'fr', 'de'] as const;
export type CustomerLocale = (typeof customerLocales)[number];

export const isCustomerLocale = (v: string): v is CustomerLocale => (customerLocales as readonly string[]).includes(v);

/** Falls back to English for anything outside the fixed list (e.g. an exchange sending "fr-CA"). */
export function toCustomerLocale(v: string | null | undefined): CustomerLocale {
  if (!v) return 'en';
  if (isCustomerLocale(v)) return v;
  const lower = v.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-hans') || lower === 'zh-cn' || lower === 'zh-sg') return 'zh-CN';
  if (lower.startsWith('zh')) return 'zh-TW';
  const base = lower.split(/[-_]/)[0] ?? '';
  return isCustomerLocale(base) ? base : 'en';
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** E.164-ish: a plus, then 8–15 digits; spaces, dashes and brackets people type are dropped. */
export const PHONE_PATTERN = /^\+[1-9]\d{7,14}$/;
export const normalisePhone = (phone: string): string => phone.replace(/[\s\-().]/g, '');

/**
 * The customer a guest (someone who only typed an email) writes as. Reuses the newest
 * UNVERIFIED customer with that email, else creates one. Never returns a verified customer:
 * typing a verified trader's email must not open their account history to a stranger.
 */
export async function findOrCreateGuestCustomer(
  trx: DbOrTx,
  input: { email: string; name?: string | null; locale: string },
): Promise<CustomerRow> {
  const email = normaliseEmail(input.email);
  const existing = await trx
    .selectFrom('customers')
    .selectAll()
    .where('email', '=', email)
    .where('verified', '=', 0)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (existing) return existing;
  const now = nowIso();
  const row: CustomerRow = {
    id: newId(),
    external_id: null,
    email,
    phone: null,
    name: input.name?.trim() || null,
    locale: toCustomerLocale(input.locale),
    verified: 0,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('customers').values(row).execute();
  await indexCustomer(trx, row);
  return row;
}

/**
 * The customer the exchange vouches for (its UID). Creates or refreshes it and marks it
 * verified. Safe under concurrent sign-ins of the same UID thanks to the unique external_id.
 */
export async function upsertVerifiedCustomer(
  trx: DbOrTx,
  input: { externalId: string; email?: string | null; name?: string | null; locale?: string | null },
): Promise<CustomerRow> {
  const now = nowIso();
  const email = input.email ? normaliseEmail(input.email) : null;
  const name = input.name?.trim() || null;
  const locale = input.locale ? toCustomerLocale(input.locale) : null;
  const row = await trx
    .insertInto('customers')
    .values({
      id: newId(),
      external_id: input.externalId,
      email,
      phone: null,
      name,
      locale: locale ?? 'en',
      verified: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('external_id').doUpdateSet((eb) => ({
        verified: 1,
        updated_at: now,
        // Only overwrite what the exchange actually sent this time.
        email: email ?? eb.ref('customers.email'),
        name: name ?? eb.ref('customers.name'),
        locale: locale ?? eb.ref('customers.locale'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await indexCustomer(trx, row);
  return row;
}
