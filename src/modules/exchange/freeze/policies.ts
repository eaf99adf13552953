import type { Selectable } from 'kysely';
import type { UnfreezeRequestsTable } from '../../../platform/db/schema.js';
import { atLeast, type AgentActor } from '../../identity/actor.js';

export type UnfreezeRequestRow = Selectable<UnfreezeRequestsTable>;

/**
 * Four eyes on unfreezing: any agent who may work the ticket asks, with a reason; a supervisor or
 * admin decides — never the one who asked, nor the agent who froze the account.
 */
export const unfreezePolicy = {
  decide: (actor: AgentActor, r: UnfreezeRequestRow, frozenBy: string | null) =>
    r.state === 'pending' && atLeast(actor.role, 'supervisor') && actor.scopes.has('tickets:write') && r.requested_by !== actor.agentId && frozenBy !== actor.agentId,
};

export const unfreezeAbilities = (actor: AgentActor, r: UnfreezeRequestRow, frozenBy: string | null) => {
  const decide = unfreezePolicy.decide(actor, r, frozenBy);
  return { approve: decide, reject: decide };
};
