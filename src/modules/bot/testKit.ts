import { createCustomer } from '../../../test/factories.js';
import type { TestApp } from '../../../test/harness.js';
import { nowIso } from '../../platform/db/ids.js';
import { systemOrigin } from '../identity/audit.js';
import { messageSender } from '../tickets/commands/messageSender.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';

/**
 * Helpers for the bot tests: a chat is opened the way the chat channel opens one (ticket on the
 * chat channel + its `chats` row in state `bot`, one transaction), customers write through the
 * tickets module's messageSender, and events travel outbox → relay → bus → the bot.
 */
export interface TestChat {
  ticketId: string;
  customerId: string;
}

export interface BotReply {
  id: string;
  body: string;
  visibility: string;
  meta: {
    article?: { slug: string; title: string; summary: string; url: string };
    choices?: { label: string; value: string }[];
    handover?: boolean;
  } | null;
}

/** Relays until the bot's own messages and any hand-over they asked for are delivered too. */
export async function settle(t: TestApp): Promise<void> {
  for (let i = 0; i < 3; i++) await t.ctx.relay.drain();
}

export async function openChat(
  t: TestApp, firstWords: string, opts: { locale?: string; topic?: 'deposit' | 'withdrawal' | 'account' | 'platform'; externalId?: string; verified?: boolean } = {},
): Promise<TestChat> {
  const locale = opts.locale ?? 'en';
  const customer = await createCustomer(t.ctx, { locale, ...(opts.externalId ? { externalId: opts.externalId } : {}), ...(opts.verified === false ? { verified: false } : {}) });
  const topic = opts.topic ?? 'platform';
  const created = await ticketCreator({
    ctx: t.ctx,
    actor: { kind: 'customer', customerId: customer.id, verified: true, sessionId: 'chat' },
    origin: systemOrigin,
    fieldsLater: true,
    input: { subject: firstWords.slice(0, 120), body: firstWords, category: topic, channel: 'chat', locale },
    within: async (trx, { ticket }) => {
      const now = nowIso();
      await trx.insertInto('chats').values({
        ticket_id: ticket.id, visitor_id: null, state: 'bot', topic, team_id: null, queued_at: null, assigned_at: null, ended_at: null,
        bot_state: '{}', customer_read_id: null, agent_read_id: null, created_at: now, updated_at: now,
      }).execute();
    },
  });
  await settle(t);
  return { ticketId: created.ticket.id, customerId: customer.id };
}

/** The customer writes in the chat (what a widget message or a choice click does). */
export async function say(t: TestApp, chat: TestChat, body: string): Promise<string> {
  const sent = await messageSender({
    ctx: t.ctx,
    actor: { kind: 'customer', customerId: chat.customerId, verified: true, sessionId: 'chat' },
    ticketId: chat.ticketId,
    input: { body },
    origin: systemOrigin,
    channel: 'chat',
  });
  await settle(t);
  return sent.message.id;
}

export async function botReplies(t: TestApp, chat: TestChat, after?: string): Promise<BotReply[]> {
  let q = t.ctx.db.selectFrom('messages').select(['id', 'body', 'visibility', 'meta']).where('ticket_id', '=', chat.ticketId).where('author_type', '=', 'bot').orderBy('id');
  if (after) q = q.where('id', '>', after);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, body: r.body, visibility: r.visibility, meta: r.meta ? (JSON.parse(r.meta) as BotReply['meta']) : null }));
}

/** The public bot messages written in answer to `messageId` (those after it). */
export async function answerTo(t: TestApp, chat: TestChat, messageId?: string): Promise<BotReply[]> {
  return (await botReplies(t, chat, messageId)).filter((r) => r.visibility === 'public');
}

export async function handovers(t: TestApp, ticketId: string): Promise<Record<string, unknown>[]> {
  const rows = await t.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'chat.handover_requested').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>).filter((p) => p.ticketId === ticketId);
}

export async function botStateOf(t: TestApp, ticketId: string): Promise<Record<string, unknown>> {
  const row = await t.ctx.db.selectFrom('chats').select('bot_state').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return JSON.parse(row.bot_state) as Record<string, unknown>;
}
