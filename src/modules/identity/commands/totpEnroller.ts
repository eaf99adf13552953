import type { AppContext } from '../../../context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { RequestOrigin } from '../actor.js';
import { audit } from '../audit.js';
import type { AgentRow } from '../presenters.js';
import { confirmPassword } from '../throttle.js';
import { hashRecoveryCode, newRecoveryCode, newTotpSecret, otpauthUri, sealSecret } from '../totp.js';
import { secondFactorVerifier } from './secondFactorVerifier.js';

const RECOVERY_CODES = 10;

async function loadAgent(ctx: AppContext, agentId: string): Promise<AgentRow> {
  return ctx.db.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirstOrThrow();
}

/** Starts enrolment: a fresh secret, stored sealed, not yet enabled until a code proves the app has it. */
export async function totpSetup(ctx: AppContext, agentId: string): Promise<{ secret: string; otpauthUri: string }> {
  const agent = await loadAgent(ctx, agentId);
  if (agent.totp_enabled) throw new AppError('conflict', 'Two-factor authentication is already enabled; disable it first.');
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('agents')
    .set({ totp_secret: sealSecret(ctx.secret, secret), totp_last_step: null, updated_at: nowIso() })
    .where('id', '=', agentId)
    .execute();
  return { secret, otpauthUri: otpauthUri(secret, agent.email) };
}

/** Replaces an agent's recovery codes; returns the plain codes, which are shown once and never stored. */
export async function replaceRecoveryCodes(ctx: AppContext, trx: DbOrTx, agentId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await trx.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ id: newId(), agent_id: agentId, code_hash: hashRecoveryCode(ctx.secret, code), used_at: null })))
    .execute();
  return codes;
}

/**
 * Confirms enrolment with a first code. `finish` runs in the same transaction (the route uses
 * it to promote a pending session), so enabling and promoting commit together.
 */
export async function totpEnable<T>(
  ctx: AppContext,
  input: { agentId: string; code: string; origin: RequestOrigin; finish: (trx: DbOrTx) => Promise<T> },
): Promise<{ recoveryCodes: string[]; finished: T }> {
  const agent = await loadAgent(ctx, input.agentId);
  if (agent.totp_enabled) throw new AppError('conflict', 'Two-factor authentication is already enabled.');
  if (!agent.totp_secret) throw new AppError('conflict', 'Start with POST /api/v1/auth/2fa/setup.');
  await secondFactorVerifier(ctx, { agent, code: input.code, allowRecoveryCode: false, origin: input.origin });
  return ctx.transaction(async (trx) => {
    await trx.updateTable('agents').set({ totp_enabled: 1, updated_at: nowIso() }).where('id', '=', agent.id).execute();
    const recoveryCodes = await replaceRecoveryCodes(ctx, trx, agent.id);
    await audit(trx, { actor: { type: 'agent', id: agent.id }, action: '2fa.enabled', targetType: 'agent', targetId: agent.id, origin: input.origin });
    return { recoveryCodes, finished: await input.finish(trx) };
  });
}

/** Turns 2FA off; needs both the password and a current code so a stolen session alone cannot. */
export async function totpDisable(ctx: AppContext, input: { agentId: string; password: string; code: string; origin: RequestOrigin }): Promise<void> {
  const agent = await loadAgent(ctx, input.agentId);
  if (!agent.totp_enabled) throw new AppError('conflict', 'Two-factor authentication is not enabled.');
  if (ctx.config.REQUIRE_2FA_ROLES.includes(agent.role)) {
    throw new AppError('forbidden', `Two-factor authentication is mandatory for the ${agent.role} role.`);
  }
  await confirmPassword(ctx.db, agent, input.password, 'password', 'The password is incorrect.');
  await secondFactorVerifier(ctx, { agent, code: input.code, allowRecoveryCode: true, origin: input.origin });
  await ctx.transaction(async (trx) => {
    await clearTotp(trx, agent.id);
    await audit(trx, { actor: { type: 'agent', id: agent.id }, action: '2fa.disabled', targetType: 'agent', targetId: agent.id, origin: input.origin });
  });
}

export async function clearTotp(trx: DbOrTx, agentId: string): Promise<void> {
  await trx.updateTable('agents').set({ totp_enabled: 0, totp_secret: null, totp_last_step: null, updated_at: nowIso() }).where('id', '=', agentId).execute();
  await trx.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
}

/** New recovery codes (the old ones stop working), after a fresh TOTP code. */
export async function recoveryCodesRegenerator(ctx: AppContext, input: { agentId: string; code: string; origin: RequestOrigin }): Promise<string[]> {
  const agent = await loadAgent(ctx, input.agentId);
  if (!agent.totp_enabled) throw new AppError('conflict', 'Two-factor authentication is not enabled.');
  await secondFactorVerifier(ctx, { agent, code: input.code, allowRecoveryCode: false, origin: input.origin });
  return ctx.transaction(async (trx) => {
    const codes = await replaceRecoveryCodes(ctx, trx, agent.id);
    await audit(trx, { actor: { type: 'agent', id: agent.id }, action: 'recovery_codes.regenerated', targetType: 'agent', targetId: agent.id, origin: input.origin });
    return codes;
  });
}
