import { atLeast, type AgentActor } from '../../identity/actor.js';

/**
 * Who may see a customer's exchange account beside a ticket, and what they may do with it.
 * Agents see only the accounts of customers whose ticket (or chat) is assigned to them;
 * supervisors and admins any. Identifiers are revealed only once the customer has proven who
 * they are. Returned as `abilities`, so the console never re-implements a rule.
 */
export interface PanelSubject {
  assigneeId: string | null;
  uid: string | null;
  verified: boolean;
}

export const exchangePanelPolicy = {
  view: (actor: AgentActor, s: PanelSubject) => actor.scopes.has('customers:read') && (atLeast(actor.role, 'supervisor') || s.assigneeId === actor.agentId),
  verify: (actor: AgentActor, s: PanelSubject) => exchangePanelPolicy.view(actor, s) && s.uid !== null && !s.verified,
  reveal: (actor: AgentActor, s: PanelSubject) => exchangePanelPolicy.view(actor, s) && s.uid !== null && s.verified,
};

export type PanelAbilities = Record<keyof typeof exchangePanelPolicy, boolean>;

export const panelAbilities = (actor: AgentActor, s: PanelSubject): PanelAbilities => ({
  view: exchangePanelPolicy.view(actor, s),
  verify: exchangePanelPolicy.verify(actor, s),
  reveal: exchangePanelPolicy.reveal(actor, s),
});

/**
 * What the panel offers for the account itself, given its status at the exchange: freeze an
 * active one (tickets:write, like the freeze route), ask to unfreeze a frozen one. Deciding an
 * unfreeze is the request's own ability (freeze/policies.ts), never the panel's.
 */
export const accountActionAbilities = (actor: AgentActor, s: PanelSubject, status: string | null) => {
  const act = exchangePanelPolicy.view(actor, s) && actor.scopes.has('tickets:write') && status !== null;
  return { freeze: act && status !== 'frozen', requestUnfreeze: act && status === 'frozen' };
};
export type AccountActionAbilities = ReturnType<typeof accountActionAbilities>;
