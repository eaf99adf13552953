import type { AppContext } from '../../../context.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { RequestOrigin } from '../actor.js';
import { audit } from '../audit.js';
import { hashPassword } from '../passwords.js';
import { confirmPassword, resetThrottle, secondFactorKey } from '../throttle.js';
import { endAgentSessions } from './sessionCreator.js';

/**
 * An agent changes their own password. Every other session of theirs ends, so whoever may
 * have learnt the old password is signed out everywhere. Wrong current passwords count
 * toward the same per-agent lock as wrong second-factor codes.
 */
export async function passwordChanger(
  ctx: AppContext,
  input: { agentId: string; sessionId: string; currentPassword: string; newPassword: string; origin: RequestOrigin },
): Promise<void> {
  const agent = await ctx.db.selectFrom('agents').select(['id', 'password_hash']).where('id', '=', input.agentId).executeTakeFirstOrThrow();
  await confirmPassword(ctx.db, agent, input.currentPassword, 'currentPassword', 'The current password is incorrect.');
  if (input.newPassword === input.currentPassword) throw new AppError('field_invalid', 'Choose a password different from the current one.', 'newPassword');
  await resetThrottle(ctx.db, secondFactorKey(agent.id));
  const hash = await hashPassword(input.newPassword);
  await ctx.transaction(async (trx) => {
    await trx.updateTable('agents').set({ password_hash: hash, updated_at: nowIso() }).where('id', '=', agent.id).execute();
    await endAgentSessions(trx, agent.id, input.sessionId);
    await audit(trx, { actor: { type: 'agent', id: agent.id }, action: 'password.changed', targetType: 'agent', targetId: agent.id, origin: input.origin });
  });
}
