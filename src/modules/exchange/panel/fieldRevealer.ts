import type { AppContext } from '../../../context.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import type { TransactionKind } from '../contract.js';
import { exchangeOf } from '../runtime.js';
import { exchangePanelPolicy } from './policies.js';
import type { RevealableField } from './presenters.js';
import { panelContext } from './subject.js';

/** One full address, hash or memo of a verified customer's transaction, with the reason audited. */
export async function fieldRevealer(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticket: string; kind: TransactionKind; transactionId: string; field: RevealableField; reason: string }) {
  const subject = await panelContext(ctx.db, input.actor, input.ticket);
  if (!subject.uid) throw notFound('This customer has no exchange account.');
  if (!exchangePanelPolicy.reveal(input.actor, subject)) throw new AppError('verification_required');
  const { client } = exchangeOf(ctx);
  const tx = input.kind === 'deposit' ? await client.deposit(subject.uid, input.transactionId) : await client.withdrawal(subject.uid, input.transactionId);
  if (!tx) throw new AppError('not_found', 'No such transaction on this account.', 'transactionId');
  const value = tx[input.field];
  await ctx.transaction((trx) =>
    audit(trx, {
      actor: input.actor, action: 'exchange.field_revealed', targetType: 'ticket', targetId: subject.ticketId, origin: input.origin,
      details: { uid: subject.uid, kind: input.kind, transactionId: tx.id, field: input.field, reason: input.reason },
    }),
  );
  return { field: input.field, value };
}
