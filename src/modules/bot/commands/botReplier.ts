import type { AppContext } from '../../../context.js';
import { discardSealedAnswer, readSealedAnswer, SEALED_BODY } from '../../security/sealedAnswers.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import type { Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { helpCenterOf } from '../../helpcenter/index.js';
import { automatedMessageWriter } from '../../tickets/commands/automatedMessageWriter.js';
import { botOf } from '../brain.js';
import { parseBotState } from '../answering/botState.js';
import type { ReplyPlan } from '../answering/replyPlan.js';
import { planReply } from '../answering/responder.js';
import { loadBotSettings } from '../settings.js';
import { applyBotTicketChanges } from '../ticketChanges.js';
import { conversationalChannels } from '../../tickets/categories.js';

export type ReplyOutcome = 'answered' | 'duplicate' | 'silent';

/** Another reply was stored since this one was planned: plan again on the new state. */
const STALE = Symbol('stale');
const MAX_PLANS = 3;

async function lockChat(trx: Tx, ticketId: string) {
  let q = trx.selectFrom('chats').select(['state', 'bot_state']).where('ticket_id', '=', ticketId);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * Answers one customer message of a chat the bot still has. Every node hears the event (at
 * least once), so the reply is keyed by the message: the `bot_replies` row commits with the
 * reply or not at all, and a second delivery finds it. The reply is planned outside the
 * transaction (classification, help-center look-ups, flow actions that may call out) and stored
 * only if the chat is still with the bot and nobody replied meanwhile; else it is planned again.
 */
export async function botReplier(ctx: AppContext, messageId: string): Promise<ReplyOutcome> {
  const done = await ctx.db.selectFrom('bot_replies').select('message_id').where('message_id', '=', messageId).executeTakeFirst();
  if (done) return 'duplicate';
  const message = await ctx.db.selectFrom('messages').select(['ticket_id', 'author_type', 'visibility', 'body']).where('id', '=', messageId).executeTakeFirst();
  if (!message || message.author_type !== 'customer' || message.visibility !== 'public') return 'silent';
  const ticket = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', message.ticket_id).executeTakeFirst();
  if (!ticket || !conversationalChannels.has(ticket.channel) || ticket.merged_into_id) return 'silent';
  const settings = await loadBotSettings(ctx.db);
  if (!settings.enabled) return 'silent';

  const deps = { db: ctx.db, kb: helpCenterOf(ctx).kb, brain: botOf(ctx), publicUrl: ctx.config.PUBLIC_URL };
  // The code the bot asked for was stored redacted; the flow checks the sealed original once.
  const sealed = message.body === SEALED_BODY ? await readSealedAnswer(ctx.db, ctx.secret, messageId) : null;
  const text = sealed ?? message.body;
  for (let attempt = 0; attempt < MAX_PLANS; attempt++) {
    const chat = await ctx.db.selectFrom('chats').select(['state', 'topic', 'bot_state']).where('ticket_id', '=', ticket.id).executeTakeFirst();
    // Queued, with an agent, left as a message or ended: a person owns the conversation now.
    if (!chat || chat.state !== 'bot') {
      if (sealed !== null) await discardSealedAnswer(ctx.db, messageId);
      return 'silent';
    }
    const plan = await planReply(deps, { ticket, topic: chat.topic, state: parseBotState(chat.bot_state), text, settings });
    const outcome = await ctx.transaction(async (trx) => {
      const stored = await storeReply(trx, { ticketId: ticket.id, messageId, planned: chat.bot_state, plan });
      if (sealed !== null && stored !== STALE) await discardSealedAnswer(trx, messageId);
      return stored;
    });
    if (outcome !== STALE) return outcome;
  }
  ctx.log.warn({ messageId, ticketId: ticket.id }, 'bot reply kept losing to concurrent replies; leaving this message unanswered');
  return 'silent';
}

async function storeReply(trx: Tx, args: { ticketId: string; messageId: string; planned: string; plan: ReplyPlan }): Promise<ReplyOutcome | typeof STALE> {
  const { ticketId, messageId, plan } = args;
  const chat = await lockChat(trx, ticketId);
  if (!chat || chat.state !== 'bot') return 'silent';
  if (chat.bot_state !== args.planned) return STALE;
  const now = nowIso();
  const claimed = await trx
    .insertInto('bot_replies')
    .values({ message_id: messageId, ticket_id: ticketId, intent: plan.intent, confidence: plan.confidence, created_at: now })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('message_id')
    .executeTakeFirst();
  if (!claimed) return 'duplicate';

  const ticket = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
  for (const message of plan.messages) await automatedMessageWriter(trx, ticket, 'bot', message);
  await trx.updateTable('chats').set({ bot_state: JSON.stringify(plan.state), updated_at: now }).where('ticket_id', '=', ticketId).execute();
  if (plan.ticket) await applyBotTicketChanges(trx, ticket, plan.ticket);
  if (plan.handover) {
    await recordEvent(trx, 'chat.handover_requested', {
      ticketId, reason: plan.handover.reason, locale: plan.state.locale ?? ticket.locale, ...(plan.handover.category ? { category: plan.handover.category } : {}),
    });
  }
  return 'answered';
}
