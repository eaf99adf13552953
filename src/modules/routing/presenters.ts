import type { ChatAbility } from './policies.js';
import type { Presence } from './presence.js';
import type { AgentLoad, ChatView } from './queries.js';
import type { Team } from './teams.js';

/** Pure shapes sent to clients; nothing here queries. */
const secondsBetween = (from: string | null, to: Date): number | null => (from ? Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 1000)) : null);

export function presentChat(view: ChatView, abilities: Record<ChatAbility, boolean>, now: Date) {
  const { chat, ticket } = view;
  return {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    state: chat.state,
    locale: ticket.locale,
    topic: chat.topic ?? ticket.category,
    customer: view.customer,
    team: view.team,
    agent: view.agent,
    queuedAt: chat.queued_at,
    assignedAt: chat.assigned_at,
    endedAt: chat.ended_at,
    /** Seconds waited so far (queued chats only). */
    waitSeconds: chat.state === 'queued' ? secondsBetween(chat.queued_at, now) : null,
    position: view.position,
    etaSeconds: view.etaSeconds,
    abilities,
  };
}

export function presentPresence(p: Presence, activeChats: number) {
  return { agentId: p.agentId, status: p.status, maxChats: p.maxChats, activeChats, updatedAt: p.updatedAt };
}

export function presentTeam(team: Team, members?: { id: string; name: string }[]) {
  return {
    id: team.id,
    name: team.name,
    languages: team.languages,
    categories: team.categories,
    hours: team.hours,
    ...(members ? { members } : {}),
    createdAt: team.createdAt,
  };
}

/**
 * Where a chat can go: every agent on the board but the one answering it (`available` = online
 * with a free slot, the only agents the transfer accepts) and every team.
 */
export function presentTransferTargets(agents: AgentLoad[], teams: { id: string; name: string }[], answeringId: string | null) {
  return {
    agents: agents
      .filter((a) => a.id !== answeringId)
      .map((a) => ({ id: a.id, name: a.name, status: a.status, activeChats: a.activeChats, maxChats: a.maxChats, available: a.status === 'online' && a.activeChats < a.maxChats })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
  };
}
