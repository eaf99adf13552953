import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { checkCode } from './codeChallenge.js';
import { panelContext } from './subject.js';

/** Checks the code the customer read out to the agent (codeChallenge.ts counts and audits it). */
export async function verificationChecker(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticket: string; code: string }) {
  const subject = await panelContext(ctx.db, input.actor, input.ticket);
  const check = await checkCode(ctx, { ticketId: subject.ticketId, code: input.code, actor: input.actor, origin: input.origin });
  switch (check.outcome) {
    case 'no_code':
      throw new AppError('conflict', 'Send the customer a code first.', 'code');
    case 'locked':
      throw new AppError('verification_locked', undefined, 'code');
    case 'expired':
      throw new AppError('verification_failed', 'The code has expired; send the customer a new one.', 'code');
    case 'wrong':
      throw new AppError('verification_failed', `The code is wrong or has expired; ${check.attemptsLeft} tries left.`, 'code');
    case 'verified':
      return { id: check.id, channel: check.channel, state: 'verified' as const, attemptsLeft: check.attemptsLeft };
  }
}
