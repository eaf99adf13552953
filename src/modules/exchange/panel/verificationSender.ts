import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import type { VerificationChannel } from '../contract.js';
import { sendCode } from './codeChallenge.js';
import { exchangePanelPolicy } from './policies.js';
import { panelContext } from './subject.js';

/** The agent has the exchange send the ticket's customer a code (to the bound email or phone). */
export async function verificationSender(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticket: string; channel: VerificationChannel }) {
  const subject = await panelContext(ctx.db, input.actor, input.ticket);
  if (!subject.uid) throw new AppError('conflict', 'This customer has no exchange UID to verify against.', 'ticket');
  if (!exchangePanelPolicy.verify(input.actor, subject)) throw new AppError('conflict', 'This customer has already proven who they are.', 'ticket');
  return sendCode(ctx, {
    ticketId: subject.ticketId, customerId: subject.customerId, uid: subject.uid, channel: input.channel, sentBy: input.actor.agentId, actor: input.actor, origin: input.origin,
  });
}
