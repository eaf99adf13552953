import type { AppContext } from '../../../../context.js';
import type { DbOrTx, Tx } from '../../../../platform/db/index.js';
import { dialectOf } from '../../../../platform/db/dialect.js';
import { newId, nowIso } from '../../../../platform/db/ids.js';
import { toCustomerLocale } from '../../../identity/customers.js';
import type { TelegramSender } from '../inbound/normalise.js';

export interface TelegramAddress {
  chatId: number;
  username: string | null;
  /** The user blocked the bot: nothing is sent until they write again. */
  blocked?: boolean;
}

export interface TelegramCustomer {
  customerId: string;
  locale: string;
}

const identity = (db: DbOrTx, userId: number) =>
  db.selectFrom('channel_identities').innerJoin('customers', 'customers.id', 'channel_identities.customer_id')
    .select(['channel_identities.customer_id as customerId', 'customers.locale', 'channel_identities.address'])
    .where('channel_identities.channel', '=', 'telegram').where('channel_identities.external_id', '=', String(userId));

/** Locks a Telegram user's identity row for the rest of the transaction (PostgreSQL; SQLite has one writer). */
export async function lockTelegramIdentity(trx: Tx, userId: number): Promise<void> {
  let q = trx.selectFrom('channel_identities').select('customer_id').where('channel', '=', 'telegram').where('external_id', '=', String(userId));
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  await q.executeTakeFirst();
}

/**
 * The desk's customer behind a Telegram user, created on their first update. A Telegram account
 * proves nothing about an exchange account, so the customer is unverified, never merged into a
 * verified one; the language is their Telegram app's. A user who blocked the bot and writes
 * again is reachable again.
 */
export async function telegramCustomer(ctx: AppContext, from: TelegramSender): Promise<TelegramCustomer> {
  const address: TelegramAddress = { chatId: from.chatId, username: from.username };
  const known = await identity(ctx.db, from.userId).executeTakeFirst();
  if (known) {
    const stored = JSON.parse(known.address) as TelegramAddress;
    if (stored.chatId !== address.chatId || stored.username !== address.username || stored.blocked) {
      await ctx.db.updateTable('channel_identities').set({ address: JSON.stringify(address), updated_at: nowIso() })
        .where('channel', '=', 'telegram').where('external_id', '=', String(from.userId)).execute();
    }
    return { customerId: known.customerId, locale: known.locale };
  }
  const locale = toCustomerLocale(from.languageCode);
  const created = await ctx.transaction(async (trx) => {
    const now = nowIso();
    const customerId = newId();
    await trx.insertInto('customers').values({ id: customerId, external_id: null, email: null, phone: null, name: from.name, locale, verified: 0, created_at: now, updated_at: now }).execute();
    const claimed = await trx.insertInto('channel_identities')
      .values({ channel: 'telegram', external_id: String(from.userId), customer_id: customerId, address: JSON.stringify(address), created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
      .returning('customer_id').executeTakeFirst();
    // Another node created them a moment ago: this transaction's customer must not remain.
    if (!claimed) throw new LostRace();
    return { customerId, locale };
  }).catch((err: unknown) => (err instanceof LostRace ? null : Promise.reject(err)));
  if (created) return created;
  const winner = await identity(ctx.db, from.userId).executeTakeFirstOrThrow();
  return { customerId: winner.customerId, locale: winner.locale };
}

class LostRace extends Error {}

/** Where to send to a customer on Telegram, unless they blocked the bot. */
export async function telegramAddressOf(db: DbOrTx, customerId: string): Promise<TelegramAddress | null> {
  const row = await db.selectFrom('channel_identities').select('address').where('channel', '=', 'telegram').where('customer_id', '=', customerId).executeTakeFirst();
  if (!row) return null;
  const address = JSON.parse(row.address) as TelegramAddress;
  return address.blocked ? null : address;
}

/** Telegram said the user blocked the bot (403): stop sending until they write again. */
export async function markTelegramBlocked(db: DbOrTx, customerId: string): Promise<void> {
  const row = await db.selectFrom('channel_identities').select(['external_id', 'address']).where('channel', '=', 'telegram').where('customer_id', '=', customerId).executeTakeFirst();
  if (!row) return;
  await db.updateTable('channel_identities').set({ address: JSON.stringify({ ...(JSON.parse(row.address) as TelegramAddress), blocked: true }), updated_at: nowIso() })
    .where('channel', '=', 'telegram').where('external_id', '=', row.external_id).execute();
}
