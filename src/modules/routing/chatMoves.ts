import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db/index.js';
import { dialectOf } from '../../platform/db/dialect.js';
import { matchLocale, t } from '../../platform/i18n/index.js';
import { addTicketEvent, type ActorRef, type TicketRow } from '../tickets/ticketEvents.js';
import { isOpenAt } from './hours.js';
import { activeChatCounts, lockPresences, pickAgent, presentMembers } from './presence.js';
import { announceQueues, etaBasis, etaSeconds, queuedChats, queuePosition, recordChatUpdated, type ChatRow, type ChatState } from './queue.js';
import { teamIdsOf, type Team } from './teams.js';
import { automatedMessageWriter } from '../tickets/commands/automatedMessageWriter.js';
import { applyTicketChanges, lockTicket } from './ticketRouting.js';

/**
 * The moves a chat makes between routing states, each inside the caller's transaction and
 * each recording `chat.updated`. Callers first claim the chat with `claimChat`, a conditional
 * update that doubles as the row lock: whoever finds the chat no longer in the expected state
 * does nothing, which is what makes repeated or concurrent events harmless.
 */
export interface Move {
  trx: Tx;
  now: Date;
  by: ActorRef;
}

export async function claimChat(trx: Tx, ticketId: string, states: readonly ChatState[], now: Date): Promise<ChatRow | undefined> {
  return trx
    .updateTable('chats')
    .set({ updated_at: now.toISOString() })
    .where('ticket_id', '=', ticketId)
    .where('state', 'in', [...states])
    .returningAll()
    .executeTakeFirst();
}

export async function assignChat(m: Move, chat: ChatRow, ticket: TicketRow, agentId: string, teamId: string | null): Promise<void> {
  const at = m.now.toISOString();
  await m.trx.updateTable('chats').set({ state: 'assigned', team_id: teamId, assigned_at: at, updated_at: at }).where('ticket_id', '=', chat.ticket_id).execute();
  await applyTicketChanges(m.trx, ticket, { assigneeId: agentId, teamId }, m.by);
  await recordChatUpdated(m.trx, { ticketId: chat.ticket_id, state: 'assigned', teamId, agentId, ticketNumber: ticket.number });
}

export async function queueChat(m: Move, chat: ChatRow, ticket: TicketRow, teamId: string): Promise<{ position: number; etaSeconds: number }> {
  const at = m.now.toISOString();
  await m.trx.updateTable('chats').set({ state: 'queued', team_id: teamId, queued_at: at, assigned_at: null, updated_at: at }).where('ticket_id', '=', chat.ticket_id).execute();
  await applyTicketChanges(m.trx, ticket, { assigneeId: null, teamId }, m.by);
  const position = await queuePosition(m.trx, { ticket_id: chat.ticket_id, team_id: teamId, queued_at: at });
  const eta = etaSeconds(position, await etaBasis(m.trx, teamId, m.now));
  await recordChatUpdated(m.trx, { ticketId: chat.ticket_id, state: 'queued', teamId, agentId: null, ticketNumber: ticket.number, position, etaSeconds: eta });
  return { position, etaSeconds: eta };
}

export type LeaveReason = 'outside_hours' | 'nobody_available';

const leaveTexts: Record<LeaveReason, string> = { outside_hours: 'routing.leftMessage.outsideHours', nobody_available: 'routing.leftMessage.nobodyAvailable' };

/**
 * 留言: nobody can chat now, so the conversation stays a ticket for the team, answered by email
 * and in the portal. The customer is told its number in their language.
 */
export async function leaveMessage(m: Move, chat: ChatRow, ticket: TicketRow, teamId: string | null, reason: LeaveReason, locale: string): Promise<void> {
  const at = m.now.toISOString();
  await m.trx.updateTable('chats').set({ state: 'left_message', team_id: teamId, assigned_at: null, updated_at: at }).where('ticket_id', '=', chat.ticket_id).execute();
  const updated = await applyTicketChanges(m.trx, ticket, { assigneeId: null, teamId }, m.by);
  const body = t(matchLocale(locale) ?? 'en', leaveTexts[reason], { number: ticket.number });
  const message = await automatedMessageWriter(m.trx, updated, 'system', { body, meta: { leftMessage: true, ticketNumber: ticket.number, reason } });
  await addTicketEvent(m.trx, ticket.id, m.by, 'chat_left_message', { reason, teamId, messageId: message.id });
  await recordChatUpdated(m.trx, { ticketId: chat.ticket_id, state: 'left_message', teamId, agentId: null, ticketNumber: ticket.number });
}

export interface RouteOutcome {
  state: 'assigned' | 'queued' | 'left_message';
  teamId: string | null;
  agentId: string | null;
  position?: number;
  etaSeconds?: number;
  reason?: LeaveReason;
}

/**
 * The team's rule: open and someone online with a free slot → assign to the least loaded;
 * open and someone online but all busy → queue; closed, or nobody online → leave a message.
 * `exclude` is an agent handing the chat away, who must not get it back.
 */
export async function routeToTeam(m: Move, chat: ChatRow, ticket: TicketRow, team: Team | null, locale: string, exclude: string | null = null): Promise<RouteOutcome> {
  if (!team) {
    await leaveMessage(m, chat, ticket, null, 'nobody_available', locale);
    return { state: 'left_message', teamId: null, agentId: null, reason: 'nobody_available' };
  }
  if (!isOpenAt(team.hours, m.now)) {
    await leaveMessage(m, chat, ticket, team.id, 'outside_hours', locale);
    return { state: 'left_message', teamId: team.id, agentId: null, reason: 'outside_hours' };
  }
  const agentId = await pickAgent(m.trx, team.id, exclude);
  if (agentId) {
    await assignChat(m, chat, ticket, agentId, team.id);
    return { state: 'assigned', teamId: team.id, agentId };
  }
  const online = (await presentMembers(m.trx, [team.id])).some((p) => p.status === 'online' && p.agentId !== exclude);
  if (online) {
    const place = await queueChat(m, chat, ticket, team.id);
    return { state: 'queued', teamId: team.id, agentId: null, ...place };
  }
  await leaveMessage(m, chat, ticket, team.id, 'nobody_available', locale);
  return { state: 'left_message', teamId: team.id, agentId: null, reason: 'nobody_available' };
}

/**
 * An agent has room (a chat ended or moved away, they came online, their limit rose, they joined
 * a team): give them the oldest waiting chats of their teams until they are full, then tell the
 * rest of those queues their new positions. Chats another transaction is taking are skipped, and
 * so is `except` (a chat this agent just handed away must not come straight back).
 */
export async function fillSlots(m: Move, agentId: string, except: readonly string[] = []): Promise<string[]> {
  const [presence] = await lockPresences(m.trx, [agentId]);
  if (presence?.status !== 'online') return [];
  const agent = await m.trx.selectFrom('agents').select('disabled').where('id', '=', agentId).executeTakeFirst();
  const teams = await teamIdsOf(m.trx, agentId);
  if (!agent || agent.disabled || teams.length === 0) return [];

  let load = (await activeChatCounts(m.trx, [agentId])).get(agentId) ?? 0;
  const assigned: string[] = [];
  const touched = new Set<string>();
  while (load < presence.maxChats) {
    let next = queuedChats(m.trx, teams).limit(1);
    if (except.length) next = next.where('chats.ticket_id', 'not in', [...except]);
    if (dialectOf(m.trx) === 'postgres') next = next.forUpdate().skipLocked();
    const chat = await next.executeTakeFirst();
    if (!chat) break;
    await assignChat(m, chat, await lockTicket(m.trx, chat.ticket_id), agentId, chat.team_id);
    if (chat.team_id) touched.add(chat.team_id);
    assigned.push(chat.ticket_id);
    load += 1;
  }
  await announceQueues(m.trx, touched, m.now);
  return assigned;
}

/** Runs a routing transaction, retrying when PostgreSQL picked it as a deadlock or serialisation victim. */
export async function routingTransaction<T>(ctx: AppContext, fn: (trx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.transaction(fn);
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}
