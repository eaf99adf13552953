import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { isCategory } from '../../tickets/categories.js';
import { toCustomerLocale } from '../../identity/customers.js';
import { addTicketEvent, systemRef } from '../../tickets/ticketEvents.js';
import { claimChat, routeToTeam, routingTransaction, type RouteOutcome } from '../chatMoves.js';
import { isOpenAt } from '../hours.js';
import { activeChatCounts, presentMembers } from '../presence.js';
import { loadRoutingSettings, routingOf } from '../routingState.js';
import { chooseTeam, teamTiers, type TeamReadiness } from '../teamChoice.js';
import { loadTeams, type Team } from '../teams.js';
import { lockTicket } from '../ticketRouting.js';

export interface HandoverRequest {
  ticketId: string;
  reason: 'customer' | 'bot' | 'flow';
  locale?: string;
  category?: string;
}

/** What each candidate team could do with a chat right now (see teamChoice.ts). */
async function readinessOf(trx: Tx, teams: Team[], now: Date): Promise<(teamId: string) => TeamReadiness> {
  const members = await presentMembers(trx, teams.map((t) => t.id));
  const online = members.filter((m) => m.status === 'online');
  const loads = await activeChatCounts(trx, [...new Set(online.map((m) => m.agentId))]);
  const ready = new Map<string, TeamReadiness>();
  for (const team of teams) {
    const mine = online.filter((m) => m.teamId === team.id);
    if (!isOpenAt(team.hours, now) || mine.length === 0) ready.set(team.id, 'unavailable');
    else ready.set(team.id, mine.some((m) => (loads.get(m.agentId) ?? 0) < m.maxChats) ? 'free' : 'busy');
  }
  return (teamId) => ready.get(teamId) ?? 'unavailable';
}

/**
 * Handles `chat.handover_requested`: the bot (or the customer, or a flow) asks for a person.
 * Picks the team, then assigns, queues or leaves a message by that team's rule. Only a chat
 * still in state `bot` is routed, so the same event delivered twice, or to two nodes, routes
 * it once. Returns null when there was nothing to do.
 */
export async function handoverRouter(ctx: AppContext, request: HandoverRequest): Promise<RouteOutcome | null> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, async (trx) => {
    const chat = await claimChat(trx, request.ticketId, ['bot'], now);
    if (!chat) return null;
    const ticket = await lockTicket(trx, chat.ticket_id);
    const locale = toCustomerLocale(request.locale ?? ticket.locale);
    const wanted = [request.category, chat.topic, ticket.category].find((c): c is string => !!c && isCategory(c)) ?? null;

    const teams = await loadTeams(trx);
    const tiers = teamTiers(teams, { locale, category: wanted }, (await loadRoutingSettings(trx)).defaultTeamId);
    const candidates = tiers.find((tier) => tier.length > 0) ?? [];
    const team = chooseTeam(tiers, await readinessOf(trx, candidates, now));

    await addTicketEvent(trx, ticket.id, systemRef, 'chat_handover', { reason: request.reason, locale, category: wanted, teamId: team?.id ?? null });
    return routeToTeam({ trx, now, by: systemRef }, chat, ticket, team, locale);
  });
}
