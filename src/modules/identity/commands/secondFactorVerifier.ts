import type { AppContext } from '../../../context.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { RequestOrigin } from '../actor.js';
import { audit } from '../audit.js';
import type { AgentRow } from '../presenters.js';
import { lockedFor, rateLimited, recordFailure, resetThrottle, secondFactorKey, secondFactorRule } from '../throttle.js';
import { hashRecoveryCode, looksLikeTotp, matchTotp, openSecret } from '../totp.js';

export type SecondFactorMethod = 'totp' | 'recovery_code';

/**
 * Checks a TOTP code (or, when allowed, a recovery code) for an agent. Runs on `ctx.db`, outside
 * any transaction, so failure counts and the spent step/code persist whatever the caller does next.
 * Throttled per agent: five wrong codes lock second-factor checks for 15 minutes.
 */
export async function secondFactorVerifier(
  ctx: AppContext,
  input: { agent: AgentRow; code: string; allowRecoveryCode: boolean; origin: RequestOrigin },
): Promise<SecondFactorMethod> {
  const { agent, origin } = input;
  const key = secondFactorKey(agent.id);
  const locked = await lockedFor(ctx.db, key);
  if (locked) throw rateLimited(locked);

  const code = input.code.trim();
  const method = looksLikeTotp(code) ? await spendTotp(ctx, agent, code) : input.allowRecoveryCode ? await spendRecoveryCode(ctx, agent, code) : null;
  if (method) {
    await resetThrottle(ctx.db, key);
    if (method === 'recovery_code') await audit(ctx.db, { actor: { type: 'agent', id: agent.id }, action: 'recovery_code.used', targetType: 'agent', targetId: agent.id, origin });
    return method;
  }
  const lockSeconds = await recordFailure(ctx.db, key, secondFactorRule);
  await audit(ctx.db, { actor: { type: 'agent', id: agent.id }, action: '2fa.failed', targetType: 'agent', targetId: agent.id, origin });
  if (lockSeconds) throw rateLimited(lockSeconds);
  throw new AppError('field_invalid', 'The code is not valid. Check the time on your device and try again.', 'code');
}

async function spendTotp(ctx: AppContext, agent: AgentRow, code: string): Promise<SecondFactorMethod | null> {
  if (!agent.totp_secret) return null;
  const step = matchTotp(openSecret(ctx.secret, agent.totp_secret), code, agent.totp_last_step);
  if (step === null) return null;
  // Conditional update: of two requests racing with the same code, only one moves the step.
  const result = await ctx.db
    .updateTable('agents')
    .set({ totp_last_step: step })
    .where('id', '=', agent.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? 'totp' : null;
}

async function spendRecoveryCode(ctx: AppContext, agent: AgentRow, code: string): Promise<SecondFactorMethod | null> {
  const result = await ctx.db
    .updateTable('recovery_codes')
    .set({ used_at: nowIso() })
    .where('agent_id', '=', agent.id)
    .where('code_hash', '=', hashRecoveryCode(ctx.secret, code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? 'recovery_code' : null;
}
