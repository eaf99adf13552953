import { atLeast, type Actor, type AgentActor } from '../identity/actor.js';
import type { Status } from './categories.js';
import { transitions } from './statusMachine.js';
import type { TicketRow } from './ticketEvents.js';

/**
 * Who may do what to a ticket they can already see (visibility itself is in queries.ts).
 * Routes check these and return the same answers as `abilities`, so the UI never
 * re-implements a rule.
 */
type Rule = (actor: Actor, ticket: Pick<TicketRow, 'status' | 'merged_into_id'>) => boolean;

const writer = (actor: Actor): actor is AgentActor => actor.kind === 'agent' && actor.scopes.has('tickets:write');
const live = (t: Pick<TicketRow, 'status' | 'merged_into_id'>) => !t.merged_into_id && t.status !== 'closed';

export const ticketPolicy = {
  reply: (actor, t) => live(t) && (actor.kind !== 'agent' || writer(actor)),
  addNote: (actor, t) => !t.merged_into_id && writer(actor),
  update: (actor, t) => live(t) && writer(actor),
  merge: (actor, t) => live(t) && writer(actor),
  /** Merging two different customers' tickets joins their histories: supervisors only. */
  mergeAcrossCustomers: (actor, t) => live(t) && writer(actor) && atLeast(actor.role, 'supervisor'),
} satisfies Record<string, Rule>;

export type TicketAbility = keyof typeof ticketPolicy;

export interface TicketAbilities extends Record<TicketAbility, boolean> {
  nextStatuses: Status[];
}

export function abilitiesFor(actor: Actor, ticket: Pick<TicketRow, 'status' | 'merged_into_id'>): TicketAbilities {
  const out = {} as Record<TicketAbility, boolean>;
  for (const [name, rule] of Object.entries(ticketPolicy) as [TicketAbility, Rule][]) out[name] = rule(actor, ticket);
  return { ...out, nextStatuses: out.update ? [...transitions[ticket.status]] : [] };
}
