import type { AppContext } from '../../../context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { actorRef, addTicketEvent } from '../../tickets/ticketEvents.js';
import { exchangeOf } from '../runtime.js';
import { unfreezePolicy, type UnfreezeRequestRow } from './policies.js';

/** The agent whose freeze is in force for this account (the latest one an agent made), if any. */
export async function frozenByAgent(db: DbOrTx, uid: string): Promise<string | null> {
  const row = await db.selectFrom('account_freezes').select('agent_id').where('uid', '=', uid).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row?.agent_id ?? null;
}

/**
 * Second pair of eyes: a supervisor or admin other than the requester (and other than the agent
 * who froze the account) approves — the exchange unfreezes it first, then the decision is
 * recorded — or rejects with a note. A request already decided answers 409.
 */
export async function unfreezeDecider(
  ctx: AppContext,
  input: { actor: AgentActor; origin: RequestOrigin; id: string; decision: 'approve' | 'reject'; note: string | null },
): Promise<UnfreezeRequestRow> {
  const request = await ctx.db.selectFrom('unfreeze_requests').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!request) throw notFound('No such unfreeze request.');
  if (request.state !== 'pending') throw new AppError('conflict', `This request was already ${request.state}.`, 'id');
  const frozenBy = await frozenByAgent(ctx.db, request.uid);
  if (!unfreezePolicy.decide(input.actor, request, frozenBy)) {
    if (request.requested_by === input.actor.agentId) throw new AppError('four_eyes_required', 'You asked for this unfreeze; a different supervisor or admin must decide it.');
    if (frozenBy === input.actor.agentId) throw new AppError('four_eyes_required', 'You froze this account; a different supervisor or admin must decide the unfreeze.');
    throw new AppError('forbidden', 'Only a supervisor or admin can decide an unfreeze request.');
  }
  const state = input.decision === 'approve' ? 'approved' : 'rejected';
  // The exchange acts first; if it cannot, nothing is recorded and the request stays pending.
  if (state === 'approved') await exchangeOf(ctx).client.unfreeze(request.uid, request.reason, `unfreeze:${request.id}`);
  return ctx.transaction(async (trx) => {
    const decided = await trx
      .updateTable('unfreeze_requests')
      .set({ state, decided_by: input.actor.agentId, decision_note: input.note, decided_at: nowIso() })
      .where('id', '=', request.id)
      .where('state', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!decided) throw new AppError('conflict', 'Someone else decided this request meanwhile.', 'id');
    const details = { requestId: request.id, uid: request.uid, requestedBy: request.requested_by, note: input.note };
    await addTicketEvent(trx, request.ticket_id, actorRef(input.actor), `unfreeze_${state}`, details);
    await audit(trx, { actor: input.actor, action: `exchange.unfreeze_${state}`, targetType: 'ticket', targetId: request.ticket_id, origin: input.origin, details });
    return decided;
  });
}
