import { atLeast, type AgentActor } from '../identity/actor.js';
import type { ChatState } from './queue.js';

/**
 * Who may do what with a live chat. Routes enforce these and return the same answers as
 * `abilities`, so the console shows exactly the buttons the server accepts.
 */
export interface ChatFacts {
  state: ChatState;
  assigneeId: string | null;
  /** The caller is a member of the chat's team. */
  member: boolean;
}

type Rule = (actor: AgentActor, chat: ChatFacts) => boolean;

const writer = (actor: AgentActor) => actor.scopes.has('tickets:write');
const supervising = (actor: AgentActor) => writer(actor) && atLeast(actor.role, 'supervisor');
const answering = (actor: AgentActor, chat: ChatFacts) => chat.state === 'assigned' && chat.assigneeId === actor.agentId;

export const chatPolicy = {
  /** Pick a waiting chat: members of its team; supervisors from any queue. */
  accept: (actor, chat) => writer(actor) && chat.state === 'queued' && (chat.member || supervising(actor)),
  /** Hand a chat on: the agent answering it; supervisors also move waiting chats. */
  transfer: (actor, chat) => writer(actor) && (answering(actor, chat) || (supervising(actor) && (chat.state === 'assigned' || chat.state === 'queued'))),
  /** End the conversation: the agent answering it; supervisors any live chat. */
  end: (actor, chat) => writer(actor) && (answering(actor, chat) || (supervising(actor) && ['bot', 'queued', 'assigned'].includes(chat.state))),
} satisfies Record<string, Rule>;

export type ChatAbility = keyof typeof chatPolicy;

export function chatAbilities(actor: AgentActor, chat: ChatFacts): Record<ChatAbility, boolean> {
  return { accept: chatPolicy.accept(actor, chat), transfer: chatPolicy.transfer(actor, chat), end: chatPolicy.end(actor, chat) };
}

/** Abilities that do not depend on one chat. */
export function routingAbilities(actor: AgentActor) {
  return {
    /** Every team's queue and every agent's load (the supervisor board). */
    viewAllQueues: atLeast(actor.role, 'supervisor'),
    setOwnAvailability: writer(actor),
    setOthersAvailability: supervising(actor),
    manageTeams: supervising(actor),
  };
}
export type RoutingAbilities = ReturnType<typeof routingAbilities>;
