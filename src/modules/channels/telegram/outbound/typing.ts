import type { AppContext } from '../../../../context.js';
import type { DomainEvent } from '../../../../platform/bus/bus.js';
import { raisedOnThisNode } from '../../chat/index.js';
import { telegramAddressOf } from '../commands/telegramCustomer.js';
import { telegramApi, type TelegramSettings } from '../settings.js';

/** Telegram shows "typing…" for about 5 s per sendChatAction; one call per 4 s per chat keeps it on without flooding the Bot API. */
export const TYPING_INTERVAL_MS = 4_000;

/**
 * Shows an agent's typing in the customer's Telegram app: the console's typing frames become
 * `chat.typing` events, and for a telegram conversation this sends `sendChatAction typing`,
 * throttled per conversation. Typing is ephemeral, so a failure is logged and never retried.
 */
export function agentTypingRelay(ctx: AppContext, settings: TelegramSettings, now: () => number = Date.now) {
  const lastSent = new Map<string, number>();
  return async (event: DomainEvent): Promise<void> => {
    const { ticketId, side, typing, origin } = event.payload as { ticketId?: string; side?: string; typing?: boolean; origin?: string };
    if (side !== 'agent' || typing !== true || !ticketId || !raisedOnThisNode(ctx, origin)) return;
    const at = now();
    if (at - (lastSent.get(ticketId) ?? -Infinity) < TYPING_INTERVAL_MS) return;
    lastSent.set(ticketId, at);
    if (lastSent.size > 1000) for (const [id, sent] of lastSent) if (at - sent >= TYPING_INTERVAL_MS) lastSent.delete(id);
    const ticket = await ctx.db.selectFrom('tickets').select(['channel', 'customer_id']).where('id', '=', ticketId).executeTakeFirst();
    if (ticket?.channel !== 'telegram') return;
    const address = await telegramAddressOf(ctx.db, ticket.customer_id);
    if (!address) return;
    await telegramApi(ctx, settings).sendChatAction(address.chatId, 'typing').catch((err: unknown) => ctx.log.debug({ err, ticketId }, 'Telegram: sendChatAction failed'));
  };
}
