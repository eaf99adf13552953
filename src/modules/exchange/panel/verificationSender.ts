import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import type { VerificationChannel } from '../contract.js';
import { exchangeOf } from '../runtime.js';
import { exchangePanelPolicy } from './policies.js';
import { panelContext } from './subject.js';

/**
 * Has the exchange send the customer a code to the email or phone bound to their account — never
 * to an address typed in the conversation, which is exactly what an impersonator would supply.
 */
export async function verificationSender(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticket: string; channel: VerificationChannel }) {
  const subject = await panelContext(ctx.db, input.actor, input.ticket);
  if (!subject.uid) throw new AppError('conflict', 'This customer has no exchange UID to verify against.', 'ticket');
  if (!exchangePanelPolicy.verify(input.actor, subject)) throw new AppError('conflict', 'This customer has already proven who they are.', 'ticket');
  const id = newId();
  const challenge = await exchangeOf(ctx).client.sendVerificationCode(subject.uid, input.channel, id);
  const row = {
    id, ticket_id: subject.ticketId, customer_id: subject.customerId, uid: subject.uid, channel: input.channel, challenge_id: challenge.challengeId,
    state: 'pending' as const, attempts: 0, sent_by: input.actor.agentId, created_at: nowIso(), expires_at: challenge.expiresAt, verified_at: null,
  };
  await ctx.transaction(async (trx) => {
    await trx.insertInto('exchange_verifications').values(row).execute();
    await audit(trx, { actor: input.actor, action: 'exchange.verification_sent', targetType: 'ticket', targetId: subject.ticketId, origin: input.origin, details: { uid: subject.uid, channel: input.channel, sentTo: challenge.sentTo } });
  });
  return { id, channel: input.channel, sentTo: challenge.sentTo, state: row.state, expiresAt: row.expires_at };
}
