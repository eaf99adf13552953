import type { AppContext } from '../../../../context.js';
import { recordEvent } from '../../../../platform/bus/outbox.js';
import { nowIso } from '../../../../platform/db/ids.js';
import type { ChatRecord } from '../queries.js';

/**
 * "Talk to a person": asks routing to take the chat over (`chat.handover_requested`). Only a
 * chat still with the bot asks; one already queued or with an agent just reports its state.
 */
export async function handoverRequester({ ctx, chat }: { ctx: AppContext; chat: ChatRecord }): Promise<{ requested: boolean }> {
  if (chat.state !== 'bot') return { requested: false };
  await ctx.transaction(async (trx) => {
    await recordEvent(trx, 'chat.handover_requested', { ticketId: chat.ticketId, reason: 'customer', locale: chat.locale, ...(chat.topic ? { category: chat.topic } : {}) });
  });
  return { requested: true };
}

/** Ends a chat (either side); a conditional update, so ending twice records one `chat.updated`. */
export async function chatEnder({ ctx, chat }: { ctx: AppContext; chat: ChatRecord }): Promise<{ ended: boolean }> {
  return ctx.transaction(async (trx) => {
    const now = nowIso();
    const result = await trx.updateTable('chats').set({ state: 'ended', ended_at: now, updated_at: now })
      .where('ticket_id', '=', chat.ticketId).where('state', '!=', 'ended').executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ended: false };
    await recordEvent(trx, 'chat.updated', { ticketId: chat.ticketId, state: 'ended', teamId: chat.teamId, agentId: chat.assigneeId, ticketNumber: chat.number });
    return { ended: true };
  });
}

/**
 * Moves a side's read marker forward (never back: receipts from two tabs may arrive out of
 * order). true when it moved, so the other side is told.
 */
export async function readMarker({ ctx, chat, side, messageId }: { ctx: AppContext; chat: ChatRecord; side: 'customer' | 'agent'; messageId: string }): Promise<boolean> {
  const column = side === 'customer' ? 'customer_read_id' : 'agent_read_id';
  const message = await ctx.db.selectFrom('messages').select('id').where('id', '=', messageId).where('ticket_id', '=', chat.ticketId)
    .$if(side === 'customer', (q) => q.where('visibility', '=', 'public')).executeTakeFirst();
  if (!message) return false;
  const result = await ctx.db.updateTable('chats').set({ [column]: messageId, updated_at: nowIso() })
    .where('ticket_id', '=', chat.ticketId)
    .where((eb) => eb.or([eb(column, 'is', null), eb(column, '<', messageId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
