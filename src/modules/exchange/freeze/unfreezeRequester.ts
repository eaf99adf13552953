import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { actorRef, addTicketEvent } from '../../tickets/ticketEvents.js';
import { panelContext } from '../panel/subject.js';
import { exchangeOf } from '../runtime.js';
import type { UnfreezeRequestRow } from './policies.js';

/**
 * First pair of eyes: an agent who may work the ticket asks for the customer's frozen account to
 * be unfrozen, saying why. Nothing changes at the exchange until a second person approves.
 */
export async function unfreezeRequester(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticket: string; reason: string }): Promise<UnfreezeRequestRow> {
  const subject = await panelContext(ctx.db, input.actor, input.ticket);
  if (!subject.uid) throw new AppError('conflict', 'This customer has no exchange account.', 'ticket');
  const account = await exchangeOf(ctx).client.account(subject.uid);
  if (account?.status !== 'frozen') throw new AppError('conflict', 'The account is not frozen.', 'ticket');
  const row: UnfreezeRequestRow = {
    id: newId(), ticket_id: subject.ticketId, customer_id: subject.customerId, uid: subject.uid, requested_by: input.actor.agentId, reason: input.reason,
    state: 'pending', decided_by: null, decision_note: null, decided_at: null, created_at: nowIso(),
  };
  return ctx.transaction(async (trx) => {
    const open = await trx.selectFrom('unfreeze_requests').select('id').where('uid', '=', subject.uid!).where('state', '=', 'pending').executeTakeFirst();
    if (open) throw new AppError('conflict', 'An unfreeze request for this account is already waiting for approval.', 'ticket');
    await trx.insertInto('unfreeze_requests').values(row).execute();
    await addTicketEvent(trx, subject.ticketId, actorRef(input.actor), 'unfreeze_requested', { requestId: row.id, uid: row.uid, reason: row.reason });
    await audit(trx, { actor: input.actor, action: 'exchange.unfreeze_requested', targetType: 'ticket', targetId: subject.ticketId, origin: input.origin, details: { requestId: row.id, uid: row.uid, reason: row.reason } });
    return row;
  });
}
