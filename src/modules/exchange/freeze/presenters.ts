import type { AgentActor } from '../../identity/actor.js';
import { unfreezeAbilities, type UnfreezeRequestRow } from './policies.js';

/** An unfreeze request with what the caller may do with it (pure). */
export function presentUnfreezeRequest(r: UnfreezeRequestRow, actor: AgentActor, frozenBy: string | null, ticketNumber: string | null) {
  return {
    id: r.id,
    ticket: { id: r.ticket_id, number: ticketNumber },
    uid: r.uid,
    reason: r.reason,
    state: r.state,
    requestedBy: r.requested_by,
    frozenBy,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    abilities: unfreezeAbilities(actor, r, frozenBy),
  };
}
