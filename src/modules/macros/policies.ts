import { atLeast, type AgentActor } from '../identity/actor.js';

/**
 * Who may keep which saved replies and macros: shared ones are the desk's voice, kept by
 * supervisors; personal ones belong to their agent alone. Returned as `abilities`.
 */
const writer = (actor: AgentActor) => actor.scopes.has('tickets:write');

export const savedReplyPolicy = {
  createShared: (actor: AgentActor) => writer(actor) && atLeast(actor.role, 'supervisor'),
  createPersonal: (actor: AgentActor) => writer(actor),
  /** Someone else's personal item is not even visible (see `visibleScopes`). */
  edit: (actor: AgentActor, row: { scope: string }) =>
    writer(actor) && (row.scope === 'shared' ? atLeast(actor.role, 'supervisor') : row.scope === actor.agentId),
};

/** Shared items and the caller's own. */
export const visibleScopes = (actor: AgentActor): string[] => ['shared', actor.agentId];
