import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { RequestOrigin } from '../actor.js';
import { audit } from '../audit.js';
import { normaliseEmail } from '../customers.js';
import { burnPasswordCheck, verifyPassword } from '../passwords.js';
import type { AgentRow } from '../presenters.js';
import { accountKey, ipKey, lockedFor, loginAccountRule, loginIpRule, rateLimited, recordFailure, resetThrottle } from '../throttle.js';
import { sessionCreator, type NewSession } from './sessionCreator.js';

export type LoginStage = 'full' | 'totp_required' | 'enrolment_required';

/** What a password login leads to: TOTP holders prove a second factor; required roles must enrol first. */
export function stageFor(ctx: AppContext, agent: Pick<AgentRow, 'role' | 'totp_enabled'>): LoginStage {
  if (agent.totp_enabled) return 'totp_required';
  if (ctx.config.REQUIRE_2FA_ROLES.includes(agent.role)) return 'enrolment_required';
  return 'full';
}

const badCredentials = () => new AppError('unauthenticated', 'The email or password is incorrect.');

/**
 * Checks email + password and opens a session. Unknown, disabled and wrong-password attempts
 * take the same path (a password hash is always computed) and get the same answer; the lock
 * answer is keyed on the typed email, so it appears for unknown emails too.
 */
export async function passwordLogin(
  ctx: AppContext,
  input: { email: string; password: string; origin: RequestOrigin },
): Promise<{ agent: AgentRow; stage: LoginStage; session: NewSession }> {
  const email = normaliseEmail(input.email);
  const keys = { account: accountKey(email), ip: ipKey(input.origin.ip) };
  const locked = Math.max(await lockedFor(ctx.db, keys.account), await lockedFor(ctx.db, keys.ip));
  if (locked) {
    await audit(ctx.db, { actor: null, action: 'login.locked', origin: input.origin, details: { email } });
    throw rateLimited(locked);
  }

  const agent = await ctx.db.selectFrom('agents').selectAll().where('email', '=', email).executeTakeFirst();
  let ok = false;
  if (agent && !agent.disabled) ok = await verifyPassword(input.password, agent.password_hash);
  else await burnPasswordCheck(input.password);

  if (!agent || !ok) {
    const lockSeconds = Math.max(
      await recordFailure(ctx.db, keys.account, loginAccountRule),
      await recordFailure(ctx.db, keys.ip, loginIpRule),
    );
    await audit(ctx.db, {
      actor: agent ? { type: 'agent', id: agent.id } : null,
      action: 'login.failed',
      ...(agent ? { targetType: 'agent', targetId: agent.id } : {}),
      origin: input.origin,
      details: { email },
    });
    if (lockSeconds) {
      await audit(ctx.db, { actor: null, action: 'login.locked', origin: input.origin, details: { email } });
      throw rateLimited(lockSeconds);
    }
    throw badCredentials();
  }

  await resetThrottle(ctx.db, keys.account);
  const stage = stageFor(ctx, agent);
  const session = await ctx.transaction(async (trx) => {
    const created = await sessionCreator(ctx, trx, { subjectType: 'agent', subjectId: agent.id, stage: stage === 'full' ? 'full' : 'pending', origin: input.origin });
    await audit(trx, {
      actor: { type: 'agent', id: agent.id },
      action: stage === 'full' ? 'login.succeeded' : 'login.password_accepted',
      targetType: 'agent',
      targetId: agent.id,
      origin: input.origin,
      details: { stage },
    });
    return created;
  });
  return { agent, stage, session };
}
