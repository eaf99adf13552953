import type { AppContext } from '../../../../context.js';
import type { DbOrTx } from '../../../../platform/db/index.js';
import { nowIso } from '../../../../platform/db/ids.js';
import { identityCustomer, type ChannelIdentity, type IdentityCustomer } from '../../conversations.js';
import type { TelegramSender } from '../inbound/normalise.js';

export interface TelegramAddress {
  chatId: number;
  username: string | null;
  /** The user blocked the bot: nothing is sent until they write again. */
  blocked?: boolean;
}

export type TelegramCustomer = IdentityCustomer;

export const telegramIdentity = (from: TelegramSender): ChannelIdentity => ({ channel: 'telegram', externalId: String(from.userId) });

/**
 * The desk's customer behind a Telegram user, created on their first update (unverified; the
 * language is their Telegram app's). A user who blocked the bot and writes again is reachable again.
 */
export async function telegramCustomer(ctx: AppContext, from: TelegramSender): Promise<TelegramCustomer> {
  const address: TelegramAddress = { chatId: from.chatId, username: from.username };
  return identityCustomer(ctx, telegramIdentity(from), { name: from.name, languageCode: from.languageCode, address }, (stored) => {
    const known = stored as TelegramAddress;
    return known.chatId !== address.chatId || known.username !== address.username || !!known.blocked;
  });
}

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
