import type { AppContext } from '../../../context.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { exchangeOf } from '../runtime.js';
import { panelContext } from './subject.js';

/** Our own bound on guesses, whatever the exchange allows: five, then a new code must be sent. */
export const MAX_ATTEMPTS = 5;

/**
 * Checks the code the customer read out against the exchange. Every attempt is counted (and
 * audited); the fifth wrong one locks the code. A right one verifies the customer for this ticket.
 */
export async function verificationChecker(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticket: string; code: string }) {
  const subject = await panelContext(ctx.db, input.actor, input.ticket);
  const pending = await ctx.db.selectFrom('exchange_verifications').selectAll().where('ticket_id', '=', subject.ticketId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  if (!pending || pending.state === 'verified') throw new AppError('conflict', 'Send the customer a code first.', 'code');
  if (pending.state === 'locked' || pending.attempts >= MAX_ATTEMPTS) throw new AppError('verification_locked', undefined, 'code');
  if (pending.expires_at < nowIso()) throw new AppError('verification_failed', 'The code has expired; send the customer a new one.', 'code');
  const check = await exchangeOf(ctx).client.checkVerificationCode(pending.uid, pending.challenge_id, input.code);
  const attempts = pending.attempts + 1;
  const state = check.result === 'valid' ? 'verified' : check.result === 'locked' || attempts >= MAX_ATTEMPTS ? 'locked' : 'pending';
  await ctx.transaction(async (trx) => {
    await trx.updateTable('exchange_verifications').set({ attempts, state, verified_at: state === 'verified' ? nowIso() : null }).where('id', '=', pending.id).execute();
    await audit(trx, {
      actor: input.actor, action: state === 'verified' ? 'exchange.customer_verified' : 'exchange.verification_failed', targetType: 'ticket', targetId: subject.ticketId, origin: input.origin,
      details: { uid: pending.uid, channel: pending.channel, attempts, result: check.result },
    });
  });
  if (state === 'locked') throw new AppError('verification_locked', undefined, 'code');
  if (state === 'pending') throw new AppError('verification_failed', `The code is wrong or has expired; ${MAX_ATTEMPTS - attempts} tries left.`, 'code');
  return { id: pending.id, channel: pending.channel, state, attemptsLeft: MAX_ATTEMPTS - attempts };
}
